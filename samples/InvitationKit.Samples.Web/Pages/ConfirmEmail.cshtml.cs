using System.Text;
using InvitationKit.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>
/// The confirmation link of the sign-up: a GET shows a button (a mail scanner's prefetch confirms nothing), the POST
/// confirms the email and then claims the invitations waiting for the now proven address.
/// </summary>
public sealed class ConfirmEmailModel(IInvitationManager kit, UserManager<IdentityUser> users) : PageModel
{
    /// <summary>The user confirming.</summary>
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    /// <summary>The confirmation token, Base64url-encoded.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>What the confirmation did.</summary>
    public string? Outcome { get; private set; }

    /// <summary>Whether the link was refused.</summary>
    public bool Failed { get; private set; }

    /// <summary>Shows the button.</summary>
    public void OnGet()
    {
    }

    /// <summary>Confirms the email, then binds the address's invitations to the user.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var confirmed = user is not null && Code is not null && TryDecode(Code) is { } token
            && (await users.ConfirmEmailAsync(user, token)).Succeeded;
        if (!confirmed)
        {
            Failed = true;
            return Page();
        }

        var claimed = await kit.ClaimInvitationsAsync(users, user!, HttpContext.RequestAborted);
        Outcome = claimed.TryGetValue(out var count) && count > 0
            ? $"Your email is confirmed, and {count} invitation(s) wait for you: sign in, then open the link in the invitation mail."
            : "Your email is confirmed.";
        return Page();
    }

    private static string? TryDecode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
