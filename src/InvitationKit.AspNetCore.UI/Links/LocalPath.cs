namespace InvitationKit.AspNetCore.UI.Links;

/// <summary>Whether a path stays on this site: it starts with one <c>/</c>, not <c>//</c> or <c>/\</c> (which browsers read as another host).</summary>
internal static class LocalPath
{
    /// <summary>Whether <paramref name="path"/> is a local path.</summary>
    /// <param name="path">The path.</param>
    /// <returns>True for <c>/</c> and <c>/app</c>; false for null, <c>//evil.example</c>, <c>/\evil.example</c> and absolute URLs.</returns>
    public static bool IsLocal(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) && !path.Any(char.IsControl);
}
