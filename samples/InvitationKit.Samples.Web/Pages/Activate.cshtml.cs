using InvitationKit.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>A new user's activation: the invited address, the mailed code and a password of their choosing.</summary>
public sealed class ActivateModel(IInvitationManager kit, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) : PageModel
{
    /// <summary>The invited address.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    /// <summary>
    /// The invitation link's secret, when the form was posted from the invitation's page: only in the body, never in a URL.
    /// </summary>
    [BindProperty]
    public string? Secret { get; set; }

    /// <summary>What activation did.</summary>
    public string? Outcome { get; private set; }

    /// <summary>Why it was refused.</summary>
    public IReadOnlyList<InvitationError> Problems { get; private set; } = [];

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Activates, then signs the new user in.</summary>
    /// <param name="code">The mailed one-time code.</param>
    /// <param name="password">The chosen password.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostAsync(string? code, string? password)
    {
        // The client partitions the activation throttle as the kit's endpoints do: the address UseForwardedHeaders
        // found, an IPv6 client's /64.
        var request = new ActivationRequest(Email ?? string.Empty, code ?? string.Empty, password ?? string.Empty, InvitationKitEndpointOptions.DefaultClientPartitionKey(HttpContext))
        {
            Secret = Secret,
        };
        var activated = await kit.ActivateAsync(request, HttpContext.RequestAborted);
        if (!activated.Succeeded)
        {
            Problems = activated.Errors;
            return Page();
        }

        if (await users.FindByIdAsync(activated.Value.UserId) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        Outcome = $"Welcome! Your account is active and you are a member of {activated.Value.AccountId}.";
        return Page();
    }
}
