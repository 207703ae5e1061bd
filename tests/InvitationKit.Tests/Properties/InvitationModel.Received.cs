namespace InvitationKit.Tests.Properties;

/// <summary>
/// The model's options per invitation (rule 25) and what the invitee and the owner see of them: the inbox (rule 21), the
/// link's preview, the owner's view and the membership.
/// </summary>
internal sealed partial class InvitationModel
{
    /// <summary>The only origin return URLs may lead to (the deployment's <c>AllowedReturnOrigins</c>).</summary>
    public const string AllowedOrigin = "https://app.example";

    /// <summary>The deployment's <c>SupportedLanguages</c>, as it spells them.</summary>
    public static readonly string[] SupportedLanguages = ["en", "ru", "pt-BR"];

    /// <summary>
    /// The view the owner gets and the preview the link shows of the address's pending invitation, as the model has it:
    /// null when there is none to look at (none pending, or the account disabled, which refuses both).
    /// </summary>
    public string? Shown(string address) =>
        !Disabled && PendingEntry(address) is { } entry
            ? $"view {entry.Options.Metadata} {entry.Options.ReturnUrl} {entry.Options.Language} {entry.ExpiresAt}; preview {Previewed(entry)}"
            : null;

    /// <summary>
    /// The signed-in user's inbox (rule 21): refused unless the address is an enabled user's (a new user pending
    /// activation is not), empty while the account is disabled, else the address's pending invitation with its preview.
    /// </summary>
    public Outcome Inbox(string address) =>
        !Registered.Contains(address) ? Outcome.Fail(InvitationErrorCode.NotTheInvitedUser)
        : new Outcome(true, Disabled ? string.Empty : string.Join(" | ", _all.Where(e => e.Address == address && Effective(e) == InvitationStatus.Pending).Select(Previewed)));

    /// <summary>The metadata the address's membership carries: its invitation's (rule 25).</summary>
    public string MemberMetadata(string address) => _memberVia.TryGetValue(address, out var via) ? via.Options.Metadata : StoredOptions.None.Metadata;

    /// <summary>What the preview shows of an invitation: expiry, return URL and language (never the metadata).</summary>
    private static string Previewed(Entry entry) => $"{entry.ExpiresAt} {entry.Options.ReturnUrl} {entry.Options.Language}";

    /// <summary>The codes an invite's options are refused with: a reference check of the drawn values.</summary>
    private static InvitationErrorCode[] OptionErrors(RequestedOptions? options)
    {
        if (options is null)
        {
            return [];
        }

        var errors = new List<InvitationErrorCode>();
        if ((options.Metadata ?? new Dictionary<string, string>()).Keys.Any(k => k.Length is 0 or > 64 || !k.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':')))
        {
            errors.Add(InvitationErrorCode.InvalidMetadata);
        }

        if (options.ReturnUrl is { } url && !url.StartsWith(AllowedOrigin + "/", StringComparison.Ordinal))
        {
            errors.Add(InvitationErrorCode.ReturnUrlNotAllowed);
        }

        if (options.Language is { } language && !SupportedLanguages.Contains(language, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(InvitationErrorCode.LanguageNotSupported);
        }

        return [.. errors];
    }

    /// <summary>The options as an invitation stores options that passed: the language as the deployment lists it.</summary>
    private static StoredOptions Stored(RequestedOptions? options) => options is null ? StoredOptions.None : new StoredOptions(
        Metadata(options.Metadata),
        options.ReturnUrl,
        options.Language is { } language ? SupportedLanguages.Single(s => string.Equals(s, language, StringComparison.OrdinalIgnoreCase)) : null);

    /// <summary>Metadata as the model compares it: "key=value" in key order, ";"-separated.</summary>
    public static string Metadata(IReadOnlyDictionary<string, string>? metadata) =>
        string.Join(";", (metadata ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>An invite's options per invitation as the request gives them (rule 25).</summary>
    public sealed record RequestedOptions(IReadOnlyDictionary<string, string>? Metadata, string? ReturnUrl, string? Language)
    {
        public override string ToString() => $"metadata {InvitationModel.Metadata(Metadata)}, return {ReturnUrl}, language {Language}";
    }

    /// <summary>An invitation's options as stored.</summary>
    public sealed record StoredOptions(string Metadata, string? ReturnUrl, string? Language)
    {
        public static readonly StoredOptions None = new(string.Empty, null, null);
    }
}
