using InvitationKit.AspNetCore.Identity;
using InvitationKit.AspNetCore.UI.Links;
using InvitationKit.Ports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.AspNetCore.UI.Areas.Invitations.Pages;

/// <summary>
/// A new user's activation (<c>/Invitations/Activate?email=…</c>): the invited address, the mailed code and a password,
/// which the host's password validators judge. Posted from the invitation's page, the link's secret (from its cookie,
/// never a URL) counts wrong codes against that invitation alone, so nobody guessing at the address can lock the
/// invitee out.
/// </summary>
public sealed class ActivateModel(IInvitationManager kit, IAccountDirectory accounts, IOptions<InvitationKitUIOptions> options) : PageModel
{
    /// <summary>The invited address.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    /// <summary>The account joined, once activated (shown once, after the redirect that follows).</summary>
    [TempData]
    public string? JoinedAccount { get; set; }

    /// <summary>Whether the new user was signed in after activating (the host has a sign-in manager).</summary>
    [TempData]
    public bool SignedIn { get; set; }

    /// <summary>Why activation was refused.</summary>
    public IReadOnlyList<InvitationError> Problems { get; private set; } = [];

    private InvitationLinkCookie Link => HttpContext.RequestServices.GetRequiredService<InvitationLinkCookie>();

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Sends the new user to sign in, then home.</summary>
    /// <returns>The sign-in challenge.</returns>
    public IActionResult OnGetSignIn() => Challenge(new AuthenticationProperties { RedirectUri = options.Value.HomePath });

    /// <summary>Activates (sets the password, confirms the address, makes the user a member), then signs the user in.</summary>
    /// <param name="code">The mailed one-time code.</param>
    /// <param name="password">The chosen password.</param>
    /// <returns>The page with the refusal, or a redirect to the page that welcomes the new user.</returns>
    public async Task<IActionResult> OnPostAsync(string? code, string? password)
    {
        var request = new ActivationRequest(Email ?? string.Empty, code ?? string.Empty, password ?? string.Empty, options.Value.ClientPartitionKey(HttpContext))
        {
            Secret = Link.Read(HttpContext),
        };
        var activated = await kit.ActivateAsync(request, HttpContext.RequestAborted);
        if (!activated.Succeeded)
        {
            Problems = activated.Errors;
            return Page();
        }

        Link.Forget(HttpContext);
        SignedIn = HttpContext.RequestServices.GetService<IUserSignIn>() is { } signIn && await signIn.SignInAsync(activated.Value.UserId, HttpContext.RequestAborted);
        JoinedAccount = (await accounts.FindAsync(activated.Value.AccountId, HttpContext.RequestAborted))?.Name ?? activated.Value.AccountId;
        return RedirectToPage(); // the page after it is the new user's first signed-in one
    }
}
