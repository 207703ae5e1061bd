using System.Text;
using InvitationKit.AspNetCore.Identity;
using InvitationKit.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>
/// The app's own registration with Identity: an email and a password, then a confirmation link by mail. It creates the
/// user through the kit's <c>CreateUserAsync</c> rather than <c>UserManager.CreateAsync</c>, so an address an invitation
/// made a user pending activation for is not "already taken". The confirmation link starts with the configured base URL
/// (<c>InvitationKit:Mail:BaseUrl</c>), never with the request's Host header, which the sender of the request chooses.
/// </summary>
public sealed class SignUpModel(IInvitationManager kit, UserManager<IdentityUser> users, IEmailSender<IdentityUser> mail, IOptions<InvitationMailOptions> links) : PageModel
{
    /// <summary>The address to register.</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>Where the confirmation link went, once sent.</summary>
    public string? SentTo { get; private set; }

    /// <summary>Why the registration was refused, in Identity's words.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Registers the user and mails the confirmation link.</summary>
    /// <param name="password">The chosen password.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostAsync(string? password)
    {
        var email = Email?.Trim() ?? string.Empty;
        var user = new IdentityUser { UserName = email, Email = email };
        var created = await kit.CreateUserAsync(users, user, password ?? string.Empty, HttpContext.RequestAborted);
        if (!created.Succeeded)
        {
            Problems = [.. created.Errors.Select(e => e.Description)];
            return Page();
        }

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = new Uri(links.Value.BaseUrl!, Url.Page("/ConfirmEmail", new { userId = user.Id, code })); // checked at start-up
        await mail.SendConfirmationLinkAsync(user, email, link.AbsoluteUri);
        SentTo = email;
        return Page();
    }
}
