using System.Globalization;
using InvitationKit.AspNetCore.Identity;
using InvitationKit.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using UIText = InvitationKit.AspNetCore.UI.Localization.UIText;

namespace InvitationKit.AspNetCore.UI.Areas.Invitations.Pages.Accounts;

/// <summary>
/// The account page: seats, the invite dialog, the invitations (filter, search, keyset paging, resend, revoke, roles) and
/// the members (remove; the last owner stays). Every rule is the kit's: a refusal comes back as its errors, each beside the
/// address it concerns, with remedies.
/// </summary>
public sealed class IndexModel(
    IInvitationManager kit,
    IAccountDirectory accounts,
    IProductCatalog products,
    IServiceProvider services,
    IOptions<InvitationKitUIOptions> options,
    IStringLocalizer<UIText> text) : PageModel
{
    /// <summary>The account, from the path.</summary>
    [BindProperty(SupportsGet = true)]
    public string AccountId { get; set; } = string.Empty;

    /// <summary>The invitations tab's status filter; null shows every invitation.</summary>
    [BindProperty(SupportsGet = true)]
    public InvitationStatus? Status { get; set; }

    /// <summary>The invitations tab's delivery filter; null shows every invitation.</summary>
    [BindProperty(SupportsGet = true)]
    public DeliveryState? Delivery { get; set; }

    /// <summary>The invitations tab's search: the start of an address.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>Where the invitations page starts (a continuation token); null for the newest.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>Where the members page starts: how many members come before it.</summary>
    [BindProperty(SupportsGet = true)]
    public int MembersFrom { get; set; }

    /// <summary>The product the invite dialog invites into.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Product { get; set; }

    /// <summary>The invite dialog's fields, kept when a batch is refused.</summary>
    [BindProperty]
    public InviteForm Invite { get; set; } = new();

    /// <summary>What the last change did, when it worked.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Why the last change was refused.</summary>
    public IReadOnlyList<InvitationError> Problems { get; private set; } = [];

    /// <summary>The account's name, or its id when the directory has none.</summary>
    public string AccountName { get; private set; } = string.Empty;

    /// <summary>The account's seats; null when the signed-in user may not manage the account.</summary>
    public SeatUsage? Seats { get; private set; }

    /// <summary>The products the dialog offers; empty when the catalog accepts any id.</summary>
    public IReadOnlyList<ProductInfo> Products { get; private set; } = [];

    /// <summary>The languages the dialog offers: the kit's <c>SupportedLanguages</c>, else the host's supported UI cultures.</summary>
    public IReadOnlyList<string> Languages { get; private set; } = [];

    /// <summary>The days an invitation may be valid for (the deployment's bounds), and its default.</summary>
    public (int Min, int Max, int Default) LifetimeDays { get; private set; }

    /// <summary>The roles, and the owner flag, the signed-in user may grant in <see cref="Product"/>.</summary>
    public GrantableRoles? Grantable { get; private set; }

    /// <summary>The page of invitations.</summary>
    public Page<InvitationView>? Invitations { get; private set; }

    /// <summary>The page of members, each with the name <see cref="IUserDisplayNameResolver"/> gives.</summary>
    public IReadOnlyList<(Member Member, string Name)> Members { get; private set; } = [];

    /// <summary>Invitations, and members, per page (<see cref="InvitationKitUIOptions.PageSize"/>).</summary>
    public int PageSize => options.Value.PageSize;

    /// <summary>How many members the account has, when known.</summary>
    public int? MemberCount { get; private set; }

    /// <summary>
    /// Whether the page shows the account's only owner: every member is on it and one of them owns the account. The kit
    /// refuses removing the last owner in any case (rule 15); this only spares the button.
    /// </summary>
    public bool OneOwnerShown => MembersFrom == 0 && MemberCount == Members.Count && Members.Count(m => m.Member.IsOwner) == 1;

    /// <summary>Shows the page; the members' "Add an existing user" and "Invite a new user" open it with the dialog set so.</summary>
    /// <param name="mode">Who the invite dialog starts with; null for anyone.</param>
    /// <returns>The page, or 403 without an actor.</returns>
    public async Task<IActionResult> OnGetAsync(InviteMode? mode)
    {
        Invite.Mode = mode ?? InviteMode.Auto;
        return await LoadAsync() ? Page() : Forbid();
    }

    /// <summary>Invites a batch: one address per line, all with the dialog's roles.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (Actor is not { } actor)
        {
            return Forbid();
        }

        var roles = Invite.Roles.Concat(InviteForm.Split(Invite.RolesText, ',')).Distinct(StringComparer.Ordinal).ToArray();
        var recipients = InviteForm.Split(Invite.Emails, '\n', ',', ';').Select(e => new InviteRecipient(e, roles, Invite.GrantsOwner)).ToArray();
        Product = Invite.Product;
        if (ModelState[$"{nameof(Invite)}.{nameof(InviteForm.LifetimeDays)}"] is { ValidationState: Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid })
        {
            Problems = [new InvitationError(InvitationErrorCode.LifetimeOutOfBounds, "The number of days is not a whole number.", ["Enter a whole number of days, or leave the field empty."])];
            return await LoadAsync() ? Page() : Forbid();
        }

        var request = new InviteRequest(AccountId, Invite.Product ?? string.Empty, recipients, Invite.Mode)
        {
            // Clamped first: NodaTime refuses days past its range, which the kit refuses as out of bounds anyway.
            Lifetime = Invite.LifetimeDays is { } days ? NodaTime.Duration.FromDays(Math.Clamp(days, -36_500, 36_500)) : null,
            Language = string.IsNullOrWhiteSpace(Invite.Language) ? null : Invite.Language.Trim(),
        };
        var result = await kit.InviteAsync(actor, request, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Invite = new();
        }

        return await AfterAsync(result, o => text["Invited {0}: {1}.", o.Invitations.Count, string.Join(", ", o.Invitations.Select(i => i.Email))]);
    }

    /// <summary>Revokes a pending invitation.</summary>
    /// <param name="id">The invitation.</param>
    /// <returns>The page.</returns>
    public Task<IActionResult> OnPostRevokeAsync(Guid id) =>
        AsActorAsync(actor => kit.RevokeAsync(actor, id, HttpContext.RequestAborted), i => text["Revoked the invitation of {0}.", i.Email]);

    /// <summary>Sends a pending invitation again, with a fresh link (and code).</summary>
    /// <param name="id">The invitation.</param>
    /// <returns>The page.</returns>
    public Task<IActionResult> OnPostResendAsync(Guid id) =>
        AsActorAsync(actor => kit.ResendAsync(actor, id, HttpContext.RequestAborted), i => text["Sent the invitation of {0} again.", i.Email]);

    /// <summary>Changes the roles of a pending invitation.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="roles">The roles chosen.</param>
    /// <param name="rolesText">Roles typed, separated by commas (a catalog that accepts any role).</param>
    /// <returns>The page.</returns>
    public Task<IActionResult> OnPostRolesAsync(Guid id, string[]? roles, string? rolesText) =>
        AsActorAsync(
            actor => kit.ChangeRolesAsync(actor, id, [.. (roles ?? []).Concat(InviteForm.Split(rolesText, ',')).Distinct(StringComparer.Ordinal)], cancellationToken: HttpContext.RequestAborted),
            i => text["{0} will get: {1}.", i.Email, string.Join(", ", i.Roles)]);

    /// <summary>Removes a member; never the last owner.</summary>
    /// <param name="userId">The member.</param>
    /// <returns>The page.</returns>
    public Task<IActionResult> OnPostRemoveMemberAsync(string userId) =>
        AsActorAsync(actor => kit.RemoveMemberAsync(actor, AccountId, userId ?? string.Empty, HttpContext.RequestAborted), _ => text["Removed the member."]);

    private Actor? Actor => options.Value.ResolveActor(User);

    private async Task<IActionResult> AsActorAsync<T>(Func<Actor, Task<InvitationResult<T>>> call, Func<T, LocalizedString> notice) =>
        Actor is { } actor ? await AfterAsync(await call(actor), notice) : Forbid();

    private async Task<IActionResult> AfterAsync<T>(InvitationResult<T> result, Func<T, LocalizedString> notice)
    {
        if (result.Succeeded)
        {
            Notice = notice(result.Value);
            return RedirectToPage(new { AccountId, Status, Delivery, Search, Product, MembersFrom = MembersFrom > 0 ? MembersFrom : (int?)null });
        }

        Problems = result.Errors;
        return await LoadAsync() ? Page() : Forbid();
    }

    /// <summary>A language's own name (<c>русский</c> for <c>ru</c>), or its code when .NET does not know it.</summary>
    internal static string NativeName(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language) is { NativeName: { Length: > 0 } name } culture && !culture.Equals(CultureInfo.InvariantCulture) ? name : language;
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }

    private async Task<bool> LoadAsync()
    {
        if (Actor is not { } actor)
        {
            return false;
        }

        var cancel = HttpContext.RequestAborted;
        AccountName = (await accounts.FindAsync(AccountId, cancel))?.Name ?? AccountId;
        var seats = await kit.GetSeatUsageAsync(actor, AccountId, cancel);
        if (!seats.Succeeded)
        {
            Problems = [.. Problems, .. seats.Errors];
            return true;
        }

        Seats = seats.Value;
        Products = await products.ListAsync(cancel);
        Product ??= Invite.Product ?? Products.FirstOrDefault()?.Id;
        Invite.Product ??= Product;
        if (Product is { Length: > 0 })
        {
            Grantable = (await kit.GetGrantableRolesAsync(actor, AccountId, Product, cancel)).ValueOrDefault;
        }

        var kitOptions = services.GetRequiredService<IOptions<InvitationKitOptions>>().Value;
        LifetimeDays = (Math.Max(1, (int)Math.Ceiling(kitOptions.MinInvitationLifetime.TotalDays)), (int)kitOptions.MaxInvitationLifetime.TotalDays,
            (int)Math.Round(kitOptions.InvitationLifetime.TotalDays, MidpointRounding.AwayFromZero));
        Languages = kitOptions.SupportedLanguages.Count > 0
            ? [.. kitOptions.SupportedLanguages]
            : [.. services.GetService<IOptions<RequestLocalizationOptions>>()?.Value.SupportedUICultures?.Select(c => c.Name) ?? []];

        var query = new InvitationQuery(AccountId, Status, 0, options.Value.PageSize, Delivery, After, IncludeTotal: Search is null && Delivery is null, EmailPrefix: string.IsNullOrWhiteSpace(Search) ? null : Search.Trim());
        var invitations = await kit.ListAsync(actor, query, cancel);
        Invitations = invitations.ValueOrDefault;
        if (!invitations.Succeeded)
        {
            Problems = [.. Problems, .. invitations.Errors];
        }

        var names = services.GetService<IUserDisplayNameResolver>();
        var members = new List<(Member, string)>();
        MembersFrom = Math.Clamp(MembersFrom, 0, 1_000_000);
        var page = (await kit.ListMembersAsync(actor, new MemberQuery(AccountId, MembersFrom, PageSize), cancel)).ValueOrDefault;
        if (page is { Items.Count: 0, TotalCount: > 0 and var total } && MembersFrom > 0)
        {
            MembersFrom = (total - 1) / PageSize * PageSize; // past the end (members removed since): the last page
            page = (await kit.ListMembersAsync(actor, new MemberQuery(AccountId, MembersFrom, PageSize), cancel)).ValueOrDefault;
        }

        MemberCount = page?.TotalCount;
        foreach (var member in page?.Items ?? [])
        {
            members.Add((member, (names is null ? null : await names.ResolveAsync(member.UserId, cancel)) ?? member.UserId));
        }

        Members = members;
        return true;
    }
}
