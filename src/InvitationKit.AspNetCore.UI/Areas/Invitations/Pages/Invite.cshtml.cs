using System.Globalization;
using InvitationKit.AspNetCore.Identity;
using InvitationKit.AspNetCore.UI.Localization;
using InvitationKit.AspNetCore.UI.Links;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using InvitationKit.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.AspNetCore.UI.Areas.Invitations.Pages;

/// <summary>
/// The invitee's landing page, opened from the mail's link (<c>/Invitations/Invite?secret=…</c>). Opening it changes
/// nothing (a mail scanner may fetch it): the secret moves into an encrypted cookie and the page shows itself without it.
/// An existing user signs in and accepts; a new user activates with the mailed code; accepting and declining are POSTs
/// with anti-forgery; a link that no longer works says why. The page speaks the invitation's language when the host
/// supports it and the visitor chose none (<see cref="OnResultExecutionAsync"/>).
/// </summary>
public sealed class InviteModel(IInvitationManager kit, ISignedInIdentityResolver identities, IOptions<InvitationKitUIOptions> options) : PageModel, IAsyncResultFilter
{
    /// <summary>The invitation, while it can be answered.</summary>
    public InvitationPreview? Preview { get; private set; }

    /// <summary>The account joined, once accepted.</summary>
    public string? JoinedAccount { get; private set; }

    /// <summary>Where a done invitee continues: the invitation's return URL (an origin the deployment allows), else home.</summary>
    public string ContinueTo { get; private set; } = "/";

    /// <summary>Whether a new invitation was asked for (the answer is the same whatever the link was).</summary>
    public bool AskedForNew { get; private set; }

    /// <summary>Whether the deployment passes requests for a new invitation on (it has a notice mailer).</summary>
    public bool CanAskForNew => HttpContext.RequestServices.GetService<IInvitationNoticeMailer>() is not null;

    /// <summary>Whether the invitation was declined.</summary>
    public bool Declined { get; private set; }

    /// <summary>Whether no link was opened in this browser (or its hour has passed).</summary>
    public bool NoLink { get; private set; }

    /// <summary>Why the link or the answer was refused.</summary>
    public IReadOnlyList<InvitationError> Problems { get; private set; } = [];

    /// <summary>Whether someone is signed in.</summary>
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    private InvitationLinkCookie Link => HttpContext.RequestServices.GetRequiredService<InvitationLinkCookie>();

    /// <summary>Takes the secret out of the address, then shows the invitation.</summary>
    /// <param name="secret">The link's secret, when the page was opened from the link.</param>
    /// <returns>A redirect to the page without the secret, or the page.</returns>
    public async Task<IActionResult> OnGetAsync(string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            Link.Keep(HttpContext, secret);
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>Accepts as the signed-in user; someone not signed in is sent to sign in and brought back here.</summary>
    /// <returns>The page, or the sign-in challenge.</returns>
    public async Task<IActionResult> OnPostAcceptAsync()
    {
        if (await identities.ResolveAsync(User, HttpContext.RequestAborted) is not { } identity)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = Url.Page("/Invite", new { area = UIArea.Name }) });
        }

        await LoadAsync(); // the account's name, while the invitation is still pending
        var accepted = await kit.AcceptAsync(Link.Read(HttpContext) ?? string.Empty, identity, HttpContext.RequestAborted);
        if (accepted.Succeeded)
        {
            JoinedAccount = Preview?.AccountName ?? accepted.Value.AccountId;
            Link.Forget(HttpContext);
            return Page();
        }

        Problems = accepted.Errors; // a refused answer changes nothing: the preview read above still stands
        return Page();
    }

    /// <summary>Declines the invitation: its seat is free again.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostDeclineAsync()
    {
        await LoadAsync(); // where to continue, while the invitation is still pending
        var rejected = await kit.RejectAsync(Link.Read(HttpContext) ?? string.Empty, HttpContext.RequestAborted);
        if (rejected.Succeeded)
        {
            Declined = true;
            Link.Forget(HttpContext);
            return Page();
        }

        Problems = rejected.Errors; // a refused answer changes nothing: the preview read above still stands
        return Page();
    }

    /// <summary>
    /// Asks the inviter for a new invitation (rule 22): the answer is the same for any link, and only an expired or revoked
    /// invitation's inviter is told.
    /// </summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostRequestNewAsync()
    {
        var asked = await kit.RequestNewInvitationAsync(Link.Read(HttpContext) ?? string.Empty, options.Value.ClientPartitionKey(HttpContext), HttpContext.RequestAborted);
        AskedForNew = asked.Succeeded;
        Problems = asked.Errors;
        if (asked.Succeeded)
        {
            Link.Forget(HttpContext);
        }

        return Page();
    }

    /// <summary>
    /// Renders the page in the invitation's language: the one its inviter chose for this person, when the host's request
    /// localization supports it, unless the visitor chose a language (the query string, the cookie, or another provider
    /// of the host's). The browser's Accept-Language and the host's default give way to it.
    /// </summary>
    /// <param name="context">The result about to run.</param>
    /// <param name="next">Runs the result.</param>
    /// <returns>A task that completes when the page is rendered.</returns>
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        // Set here, around the rendering (the layout included): a culture set inside an async handler is undone when it returns.
        var (culture, uiCulture) = InvitationCulture.For(HttpContext, Preview?.Language);
        if (culture is not null)
        {
            CultureInfo.CurrentCulture = culture;
        }

        if (uiCulture is not null)
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }

        await next();
    }

    private async Task LoadAsync()
    {
        ContinueTo = options.Value.HomePath;
        if (Link.Read(HttpContext) is not { } secret)
        {
            NoLink = true;
            return;
        }

        var preview = await kit.PreviewAsync(secret, HttpContext.RequestAborted);
        Preview = preview.ValueOrDefault;
        ContinueTo = Preview?.ReturnUrl ?? options.Value.HomePath;
        if (!preview.Succeeded && Problems.Count == 0)
        {
            Problems = preview.Errors;
        }
    }
}
