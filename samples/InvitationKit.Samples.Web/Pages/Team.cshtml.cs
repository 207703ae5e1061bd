using InvitationKit.Samples.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>
/// The account manager's page: seat usage, the invite form, the invitations (filter, paging, revoke, resend, roles) and
/// the members. Every rule is the kit's: a refusal comes back as errors with remedies, shown as they are.
/// </summary>
public sealed class TeamModel(IInvitationManager kit, UserManager<IdentityUser> users) : PageModel
{
    /// <summary>Invitations per page.</summary>
    public const int PageSize = 5;

    /// <summary>The status filter; null shows every invitation.</summary>
    [BindProperty(SupportsGet = true)]
    public InvitationStatus? Status { get; set; }

    /// <summary>The page's offset.</summary>
    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    /// <summary>What the last change did, when it worked.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Why the last change was refused.</summary>
    public IReadOnlyList<InvitationError> Problems { get; private set; } = [];

    /// <summary>The account's seats.</summary>
    public SeatUsage? Seats { get; private set; }

    /// <summary>The page of invitations.</summary>
    public Page<InvitationView>? Invitations { get; private set; }

    /// <summary>The members, with their emails.</summary>
    public IReadOnlyList<(Member Member, string? Email)> Members { get; private set; } = [];

    private Actor Actor => Actor.User(users.GetUserId(User)!);

    /// <summary>Shows the page.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>Invites a batch: one address per line (or separated by commas), all with the same roles.</summary>
    /// <param name="emails">The addresses.</param>
    /// <param name="roles">The roles, separated by commas.</param>
    /// <param name="grantsOwner">Whether they become owners.</param>
    /// <param name="mode">Registered users only, new users only, or both.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostInviteAsync(string? emails, string? roles, bool grantsOwner, InviteMode mode)
    {
        var recipients = Split(emails, '\n', ',', ';').Select(e => new InviteRecipient(e, Split(roles, ','), grantsOwner)).ToArray();
        var result = await kit.InviteAsync(Actor, new InviteRequest(DemoAccounts.Acme.Id, DemoAccounts.ProductId, recipients, mode), HttpContext.RequestAborted);
        return await AfterAsync(result, o => $"Invited {o.Invitations.Count}: {string.Join(", ", o.Invitations.Select(i => i.Email))}.");
    }

    /// <summary>Revokes a pending invitation.</summary>
    /// <param name="id">The invitation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostRevokeAsync(Guid id) =>
        await AfterAsync(await kit.RevokeAsync(Actor, id, HttpContext.RequestAborted), i => $"Revoked the invitation of {i.Email}.");

    /// <summary>Resends a pending invitation with a fresh link (and code).</summary>
    /// <param name="id">The invitation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostResendAsync(Guid id) =>
        await AfterAsync(await kit.ResendAsync(Actor, id, HttpContext.RequestAborted), i => $"Sent the invitation of {i.Email} again.");

    /// <summary>Changes the roles of a pending invitation.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="roles">The new roles, separated by commas.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostRolesAsync(Guid id, string? roles) =>
        await AfterAsync(await kit.ChangeRolesAsync(Actor, id, Split(roles, ','), cancellationToken: HttpContext.RequestAborted), i => $"{i.Email} will get: {string.Join(", ", i.Roles)}.");

    private async Task<IActionResult> AfterAsync<T>(InvitationResult<T> result, Func<T, string> notice)
    {
        if (result.Succeeded)
        {
            Notice = notice(result.Value);
            return RedirectToPage(new { Status, Offset });
        }

        Problems = result.Errors;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var seats = await kit.GetSeatUsageAsync(Actor, DemoAccounts.Acme.Id, cancel);
        if (!seats.Succeeded)
        {
            Problems = [.. Problems, .. seats.Errors];
            return;
        }

        Seats = seats.Value;
        Invitations = (await kit.ListAsync(Actor, new InvitationQuery(DemoAccounts.Acme.Id, Status, Math.Max(0, Offset), PageSize), cancel)).ValueOrDefault;
        var members = (await kit.ListMembersAsync(Actor, new MemberQuery(DemoAccounts.Acme.Id, 0, 100), cancel)).ValueOrDefault;
        var named = new List<(Member, string?)>();
        foreach (var member in members?.Items ?? [])
        {
            named.Add((member, (await users.FindByIdAsync(member.UserId))?.Email));
        }

        Members = named;
    }

    private static string[] Split(string? text, params char[] separators) =>
        (text ?? string.Empty).Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
