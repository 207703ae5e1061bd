using InvitationKit.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>
/// The invitee's landing page, opened from the mail's link. Opening it changes nothing (a mail scanner may fetch it);
/// accepting needs the invitee signed in, and both accepting and declining are POSTs.
/// </summary>
public sealed class InviteModel(IInvitationManager kit, ISignedInIdentityResolver identities) : PageModel
{
    /// <summary>The link's secret.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Secret { get; set; }

    /// <summary>The invitation, while it can be answered.</summary>
    public InvitationPreview? Preview { get; private set; }

    /// <summary>What answering did.</summary>
    public string? Outcome { get; private set; }

    /// <summary>Why the link or the answer was refused.</summary>
    public IReadOnlyList<InvitationError> Problems { get; private set; } = [];

    /// <summary>Shows the invitation.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>Accepts as the signed-in user; someone not signed in is sent to sign in first.</summary>
    /// <returns>The page, or the sign-in.</returns>
    public async Task<IActionResult> OnPostAcceptAsync()
    {
        if (await identities.ResolveAsync(User, HttpContext.RequestAborted) is not { } identity)
        {
            return RedirectToPage("/SignIn", new { returnUrl = Url.Page("/Invite", new { Secret }) });
        }

        var accepted = await kit.AcceptAsync(Secret ?? string.Empty, identity, HttpContext.RequestAborted);
        if (accepted.Succeeded)
        {
            Outcome = $"You are now a member of {accepted.Value.AccountId}, with the roles {string.Join(", ", accepted.Value.Roles)}.";
            return Page();
        }

        Problems = accepted.Errors;
        await LoadAsync();
        return Page();
    }

    /// <summary>Declines the invitation.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostDeclineAsync()
    {
        var rejected = await kit.RejectAsync(Secret ?? string.Empty, HttpContext.RequestAborted);
        if (rejected.Succeeded)
        {
            Outcome = "You declined the invitation. Its seat is free again.";
            return Page();
        }

        Problems = rejected.Errors;
        return Page();
    }

    private async Task LoadAsync()
    {
        var preview = await kit.PreviewAsync(Secret ?? string.Empty, HttpContext.RequestAborted);
        Preview = preview.ValueOrDefault;
        if (!preview.Succeeded && Problems.Count == 0)
        {
            Problems = preview.Errors;
        }
    }
}
