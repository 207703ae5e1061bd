using InvitationKit.Samples.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;
using NodaTime;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>
/// The development mailbox: every mail the SMTP catcher received, newest first, and one mail with its headers, its text
/// and its HTML. A mail is untrusted content: its HTML is shown in a sandboxed frame that runs no script, submits no form
/// and opens no window, where a click on a link opens it in the page. Outside Development there is no catcher: 404.
/// </summary>
public sealed class MailboxModel(MailFolder folder, IWebHostEnvironment environment) : PageModel
{
    /// <summary>The sandbox of the HTML part's frame: no scripts, forms, pop-ups or same origin; top navigation on a click only.</summary>
    public const string Sandbox = "allow-top-navigation-by-user-activation";

    /// <summary>Where the mail is kept.</summary>
    public string Folder => folder.Folder;

    /// <summary>The mails, newest first, when no one mail is shown.</summary>
    public IReadOnlyList<CaughtMail> Mails { get; private set; } = [];

    /// <summary>The mail shown, if one is.</summary>
    public MimeMessage? Mail { get; private set; }

    /// <summary>When the shown mail was received.</summary>
    public Instant Received { get; private set; }

    /// <summary>The HTML part as the frame's document: its links open in the page, not in the frame.</summary>
    public string? HtmlDocument => Mail?.HtmlBody is { } html ? "<!DOCTYPE html><base target=\"_top\">" + html : null;

    /// <summary>Lists the mail, or shows one.</summary>
    /// <param name="id">The mail to show; none lists them all.</param>
    /// <returns>The page, or 404.</returns>
    public IActionResult OnGet(string? id)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        // Defense in depth beside the sandbox: no script runs on this page, nor in the frame, which inherits the policy.
        Response.Headers.ContentSecurityPolicy = "script-src 'none'; object-src 'none'";
        if (id is null)
        {
            Mails = folder.List();
            return Page();
        }

        Mail = folder.Open(id);
        if (Mail is null)
        {
            return NotFound();
        }

        Response.RegisterForDispose(Mail);
        Received = MailFolder.ReceivedAt(id);
        return Page();
    }
}
