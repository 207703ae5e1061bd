using InvitationKit.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using UIText = InvitationKit.AspNetCore.UI.Localization.UIText;

namespace InvitationKit.AspNetCore.UI.Areas.Invitations.Pages;

/// <summary>
/// "My invitations" (<c>/Invitations/Received</c>): the pending invitations addressed to the signed-in user's verified
/// address, across accounts, each accepted or declined by id without the mail's link (rule 21).
/// </summary>
public sealed class ReceivedModel(IInvitationManager kit, ISignedInIdentityResolver identities, IStringLocalizer<UIText> text) : PageModel
{
    /// <summary>The invitations; empty when the address is not verified.</summary>
    public IReadOnlyList<ReceivedInvitation> Invitations { get; private set; } = [];

    /// <summary>What the last answer did, when it worked.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Why the list or an answer was refused.</summary>
    public IReadOnlyList<InvitationError> Problems { get; private set; } = [];

    /// <summary>Shows the invitations.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    /// <summary>Accepts one invitation.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="account">Its account's name, for the notice.</param>
    /// <returns>The page.</returns>
    public Task<IActionResult> OnPostAcceptAsync(Guid id, string? account) =>
        AnswerAsync(identity => kit.AcceptReceivedInvitationAsync(id, identity, HttpContext.RequestAborted), text["You are now a member of {0}.", account ?? string.Empty]);

    /// <summary>Declines one invitation.</summary>
    /// <param name="id">The invitation.</param>
    /// <returns>The page.</returns>
    public Task<IActionResult> OnPostDeclineAsync(Guid id) =>
        AnswerAsync(identity => kit.RejectReceivedInvitationAsync(id, identity, HttpContext.RequestAborted), text["You declined the invitation. Its seat is free again."]);

    private async Task<IActionResult> AnswerAsync<T>(Func<SignedInIdentity, Task<InvitationResult<T>>> answer, LocalizedString notice)
    {
        if (await identities.ResolveAsync(User, HttpContext.RequestAborted) is not { } identity)
        {
            return Forbid();
        }

        var result = await answer(identity);
        if (result.Succeeded)
        {
            Notice = notice;
            return RedirectToPage();
        }

        Problems = result.Errors;
        return await LoadAsync() ? Page() : Forbid();
    }

    private async Task<bool> LoadAsync()
    {
        if (await identities.ResolveAsync(User, HttpContext.RequestAborted) is not { } identity)
        {
            return false;
        }

        var received = await kit.ListReceivedInvitationsAsync(identity, HttpContext.RequestAborted);
        Invitations = received.ValueOrDefault ?? [];
        Problems = [.. Problems, .. received.Errors];
        return true;
    }
}
