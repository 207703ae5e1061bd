namespace InvitationKit.AspNetCore.UI.Areas.Invitations.Pages.Accounts;

/// <summary>The invite dialog's fields.</summary>
public sealed class InviteForm
{
    /// <summary>The addresses, one per line (commas and semicolons separate too).</summary>
    public string? Emails { get; set; }

    /// <summary>The product invited into.</summary>
    public string? Product { get; set; }

    /// <summary>The roles chosen from the role catalog.</summary>
    public IList<string> Roles { get; set; } = [];

    /// <summary>Roles typed, separated by commas, when the catalog accepts any role.</summary>
    public string? RolesText { get; set; }

    /// <summary>Whether the invitees become owners (offered to owners and admins only).</summary>
    public bool GrantsOwner { get; set; }

    /// <summary>Who may be invited: registered users, new users, or both.</summary>
    public InviteMode Mode { get; set; } = InviteMode.Auto;

    /// <summary>How many days the invitations stay valid; null for the deployment's lifetime.</summary>
    public int? LifetimeDays { get; set; }

    /// <summary>The language of the mail and the landing page (e.g. <c>ru</c>); null or empty for the request's.</summary>
    public string? Language { get; set; }

    /// <summary>The non-empty, trimmed parts of <paramref name="text"/>.</summary>
    internal static string[] Split(string? text, params char[] separators) =>
        (text ?? string.Empty).Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
