using InvitationKit.Samples.Web.Mail;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>The development mailbox: every invitation mail the kit sent, with its link and code, and the sign-up's mails.</summary>
public sealed class MailboxModel(DevelopmentMailbox mailbox, AccountMailbox accounts) : PageModel
{
    /// <summary>The mails, newest first.</summary>
    public IReadOnlyList<DevelopmentMailbox.Mail> Mails => mailbox.Mails;

    /// <summary>Identity's account mails (the sign-up's confirmation links), newest first.</summary>
    public IReadOnlyList<AccountMailbox.Mail> AccountMails => accounts.Mails;
}
