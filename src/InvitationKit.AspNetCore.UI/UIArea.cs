namespace InvitationKit.AspNetCore.UI;

/// <summary>The area the screens live in: every page's path starts with <c>/Invitations</c>.</summary>
internal static class UIArea
{
    /// <summary>The area's name, and the first segment of its paths.</summary>
    public const string Name = "Invitations";
}
