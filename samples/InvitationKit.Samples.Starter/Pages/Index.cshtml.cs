using InvitationKit.Ports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvitationKit.Samples.Starter.Pages;

/// <summary>
/// The home page: the accounts, and for an account's configured first owner (<c>Starter:Accounts:{id}:OwnerEmail</c>),
/// once signed in with that confirmed email, the button that makes them its founding owner. A real app does this where
/// it creates an account.
/// </summary>
/// <param name="catalog">The app's accounts.</param>
/// <param name="users">Identity's users.</param>
/// <param name="kit">The kit.</param>
public sealed class IndexModel(StarterCatalog catalog, UserManager<IdentityUser> users, IInvitationManager kit) : PageModel
{
    /// <summary>The accounts and their first owners' emails.</summary>
    public IReadOnlyList<(AccountInfo Account, string? OwnerEmail)> Accounts { get; } = catalog.Accounts().ToList();

    /// <summary>The outcome of the last action, if any.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Makes the signed-in user the founding owner of an account whose configured first owner they are.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>A redirect to the account page, or back home with the refusal.</returns>
    public async Task<IActionResult> OnPostFoundAsync(string accountId)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var owner = Accounts.FirstOrDefault(a => a.Account.Id == accountId).OwnerEmail;
        if (owner is null || !await users.IsEmailConfirmedAsync(user)
            || !string.Equals(await users.GetEmailAsync(user), owner, StringComparison.OrdinalIgnoreCase))
        {
            return Forbid();
        }

        var founded = await kit.AddFoundingOwnerAsync(accountId, user.Id, HttpContext.RequestAborted);
        if (founded.Succeeded || founded.HasError(InvitationErrorCode.AccountAlreadyHasMembers))
        {
            return Redirect($"/Invitations/Accounts/{Uri.EscapeDataString(accountId)}");
        }

        Message = founded.ToString();
        return RedirectToPage();
    }
}
