using InvitationKit.Samples.Web.Mail;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>The development mailbox: every invitation mail the kit sent, with its link and code.</summary>
public sealed class MailboxModel(DevelopmentMailbox mailbox) : PageModel
{
    /// <summary>The mails, newest first.</summary>
    public IReadOnlyList<DevelopmentMailbox.Mail> Mails => mailbox.Mails;
}
