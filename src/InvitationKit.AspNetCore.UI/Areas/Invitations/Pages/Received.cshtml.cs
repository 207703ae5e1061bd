using InvitationKit.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Each inviter's name, by user id, as <see cref="IUserDisplayNameResolver"/> gives it (none without one).</summary>
    public IReadOnlyDictionary<string, string> Inviters { get; private set; } = new Dictionary<string, string>();

    /// <summary>What the last answer did, when it worked.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Where the last accepted invitation continues: its return URL (an origin the deployment allows), if it has one.</summary>
    [TempData]
    public string? ContinueTo { get; set; }

    /// <summary>Why the list or an answer was refused.</summary>
    public IReadOnlyList<InvitationError> Problems { get; private set; } = [];

    /// <summary>Shows the invitations.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    /// <summary>Accepts one invitation, then offers its return URL, if it has one.</summary>
    /// <param name="id">The invitation.</param>
    /// <returns>The page.</returns>
    public Task<IActionResult> OnPostAcceptAsync(Guid id) =>
        AnswerAsync(id, identity => kit.AcceptReceivedInvitationAsync(id, identity, HttpContext.RequestAborted),
            preview => (preview is null ? text["You are now a member of the account."] : text["You are now a member of {0}.", preview.AccountName], preview?.ReturnUrl));

    /// <summary>Declines one invitation.</summary>
    /// <param name="id">The invitation.</param>
    /// <returns>The page.</returns>
    public Task<IActionResult> OnPostDeclineAsync(Guid id) =>
        AnswerAsync(null, identity => kit.RejectReceivedInvitationAsync(id, identity, HttpContext.RequestAborted),
            _ => (text["You declined the invitation. Its seat is free again."], null));

    /// <summary>
    /// Answers an invitation of the list. For an accept (<paramref name="previewOf"/> set) the notice names its account,
    /// and offers its return URL, as the list read just before showed them: a form's own copy could not be trusted.
    /// </summary>
    private async Task<IActionResult> AnswerAsync<T>(Guid? previewOf, Func<SignedInIdentity, Task<InvitationResult<T>>> answer, Func<InvitationPreview?, (LocalizedString Notice, string? ContinueTo)> done)
    {
        if (await identities.ResolveAsync(User, HttpContext.RequestAborted) is not { } identity)
        {
            return Forbid();
        }

        var preview = previewOf is { } id
            ? (await kit.ListReceivedInvitationsAsync(identity, HttpContext.RequestAborted)).ValueOrDefault?.FirstOrDefault(i => i.Id == id)?.Preview
            : null;
        var result = await answer(identity);
        if (result.Succeeded)
        {
            (var notice, ContinueTo) = done(preview);
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
        if (HttpContext.RequestServices.GetService<IUserDisplayNameResolver>() is { } names)
        {
            var inviters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var userId in Invitations.Select(i => i.InvitedBy).Distinct(StringComparer.Ordinal))
            {
                if (await names.ResolveAsync(userId, HttpContext.RequestAborted) is { } name)
                {
                    inviters[userId] = name;
                }
            }

            Inviters = inviters;
        }

        return true;
    }
}
