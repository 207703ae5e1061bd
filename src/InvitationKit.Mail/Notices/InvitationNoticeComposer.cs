using InvitationKit.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>
/// Turns a notice into one mail per recipient, so that no recipient sees another: each recipient's contact looked up
/// (<see cref="IUserContactDirectory"/>; one not found is left out), the product named by the catalog, the inviter named
/// by their contact, and each mail rendered in its recipient's language and the deployment's time zone.
/// </summary>
internal sealed class InvitationNoticeComposer(
    InvitationNoticeRenderer renderer,
    IUserContactDirectory contacts,
    IProductCatalog products,
    IOptions<InvitationMailOptions> options,
    IClock clock,
    ILoggerFactory? loggerFactory = null)
{
    private readonly MailboxAddress _from = MailboxAddress.Parse(options.Value.From!); // checked at start-up
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb[options.Value.TimeZone];
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<InvitationNoticeComposer>();

    /// <summary>The mails of <paramref name="notice"/>, one per recipient found, in the order of its recipients.</summary>
    public async Task<IReadOnlyList<ComposedNotice>> ComposeAsync(InvitationNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var product = (await products.FindAsync(notice.ProductId, cancellationToken).ConfigureAwait(false))?.Name is { Length: > 0 } name ? name : notice.ProductId;
        var inviter = await contacts.FindContactAsync(notice.InvitedBy, cancellationToken).ConfigureAwait(false);
        var now = clock.GetCurrentInstant();
        var mails = new List<ComposedNotice>();
        foreach (var userId in notice.RecipientUserIds.Distinct(StringComparer.Ordinal))
        {
            var contact = userId == notice.InvitedBy ? inviter : await contacts.FindContactAsync(userId, cancellationToken).ConfigureAwait(false);
            if (contact is null)
            {
                Log.NoticeRecipientDropped(_logger, notice.InvitationId, userId);
                continue;
            }

            var model = new NoticeMailModel(notice, product, contact.DisplayName, inviter is null ? null : inviter.DisplayName ?? inviter.Email.Value, userId == notice.InvitedBy);
            var culture = renderer.Culture(contact.Language);
            var mail = await renderer.RenderAsync(model, culture, _zone, now, cancellationToken).ConfigureAwait(false);
            var id = NoticeMimeMessage.Id(notice.MessageId, userId);
            mails.Add(new ComposedNotice(id, NoticeMimeMessage.Create(id, contact, mail, _from, now), culture.Name));
        }

        return mails;
    }
}
