using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace InvitationKit.Samples.Web.Mail;

/// <summary>
/// A development <see cref="IEmailSender{TUser}"/> for Identity's own account mail (the sign-up's email confirmation): it
/// keeps the mails in memory for the Mailbox page instead of sending them. In production, send them with your mail service.
/// </summary>
public sealed class AccountMailbox(IClock clock) : IEmailSender<IdentityUser>
{
    private readonly Lock _gate = new();
    private readonly List<Mail> _mails = [];

    /// <summary>The mails sent, newest first.</summary>
    public IReadOnlyList<Mail> Mails
    {
        get { lock (_gate) { return [.. Enumerable.Reverse(_mails)]; } }
    }

    /// <inheritdoc />
    public Task SendConfirmationLinkAsync(IdentityUser user, string email, string confirmationLink) =>
        KeepAsync(email, "Confirm your email address", confirmationLink);

    /// <inheritdoc />
    public Task SendPasswordResetLinkAsync(IdentityUser user, string email, string resetLink) =>
        KeepAsync(email, "Reset your password", resetLink);

    /// <inheritdoc />
    public Task SendPasswordResetCodeAsync(IdentityUser user, string email, string resetCode) =>
        KeepAsync(email, $"Your password reset code is {resetCode}", null);

    private Task KeepAsync(string to, string subject, string? link)
    {
        lock (_gate)
        {
            _mails.Add(new Mail(to, subject, link, clock.GetCurrentInstant()));
        }

        return Task.CompletedTask;
    }

    /// <summary>An account mail in the box.</summary>
    /// <param name="To">The address.</param>
    /// <param name="Subject">What it says.</param>
    /// <param name="Link">The link it carries, if any.</param>
    /// <param name="SentAt">When.</param>
    public sealed record Mail(string To, string Subject, string? Link, Instant SentAt);
}
