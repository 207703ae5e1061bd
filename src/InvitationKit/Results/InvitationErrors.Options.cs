using NodaTime;

namespace InvitationKit;

/// <summary>The errors of the options per invitation (rule 25): lifetime, metadata, return URL and language.</summary>
internal static partial class InvitationErrors
{
    public static InvitationError LifetimeOutOfBounds(Duration lifetime, Duration min, Duration max) => new(
        InvitationErrorCode.LifetimeOutOfBounds,
        $"An invitation can be valid for {Period(min)} to {Period(max)}; {Period(lifetime)} was requested.",
        [
            $"Choose a lifetime between {Period(min)} and {Period(max)}.",
            "Leave the lifetime out to use the deployment's default.",
            "For a self-hosted installation: ask the system administrator to widen MinInvitationLifetime or MaxInvitationLifetime.",
        ]);

    public static InvitationError TooManyMetadataEntries(int count, int max) => new(
        InvitationErrorCode.InvalidMetadata,
        max == 0 ? "This deployment stores no invitation metadata." : $"An invitation can carry at most {max} metadata entries; {count} were given.",
        [max == 0 ? "Send the invitation without metadata." : $"Give at most {max} entries.", "For a self-hosted installation: ask the system administrator to raise MaxMetadataEntries."]);

    public static InvitationError InvalidMetadataKey(string? key, int maxLength) => new(
        InvitationErrorCode.InvalidMetadata,
        $"The metadata key '{Internal.Identifier.Excerpt(key, 40)}' is not valid: it must be 1–{maxLength} ASCII letters, digits, '_', '-', '.' or ':'.",
        ["Rename the key, e.g. 'team' or 'crm.contact-id'."]);

    public static InvitationError InvalidMetadataValue(string key, int maxLength) => new(
        InvitationErrorCode.InvalidMetadata,
        $"The value of the metadata key '{Internal.Identifier.Excerpt(key, 40)}' is not valid: it must be at most {maxLength} characters of text, without control characters.",
        [$"Shorten the value to at most {maxLength} characters and remove line breaks and other control characters.", "Store larger data in your own database and put its id in the metadata."]);

    public static InvitationError ReturnUrlNotAllowed(string url, IList<string>? allowed) => new(
        InvitationErrorCode.ReturnUrlNotAllowed,
        $"The return URL '{Internal.Identifier.Excerpt(url, 60)}' is not allowed: it must be an absolute http or https URL of one of the application's origins.",
        [
            allowed is { Count: > 0 }
                ? $"Give an absolute URL starting with one of: {string.Join(", ", allowed.Take(20))}."
                : "This deployment allows no return URL: send the invitation without one.",
            "Write the host as ASCII (an internationalized name as punycode) and leave out user names, passwords and backslashes.",
            "For a self-hosted installation: ask the system administrator to add the origin to AllowedReturnOrigins.",
        ]);

    public static InvitationError LanguageNotSupported(string tag, IList<string>? supported) => new(
        InvitationErrorCode.LanguageNotSupported,
        $"The language '{Internal.Identifier.Excerpt(tag, 40)}' is not supported.",
        [
            supported is { Count: > 0 }
                ? $"Choose one of: {string.Join(", ", supported.Take(50))}."
                : "Give a BCP 47 language tag such as 'en', 'ru' or 'pt-BR'.",
            "Leave the language out to use the mail's default.",
        ]);

    // Whole days, hours or minutes when the period is one; any other, even beyond a tick count's range, in D:hh:mm:ss form.
    private static string Period(Duration duration) => duration < Duration.Zero ? duration.ToString("-D:hh:mm:ss.FFFFFFFFF", System.Globalization.CultureInfo.InvariantCulture)
        : duration.NanosecondOfDay == 0 ? $"{duration.Days} day(s)"
        : duration.Days == 0 && duration.NanosecondOfDay % NodaConstants.NanosecondsPerHour == 0 ? $"{duration.NanosecondOfDay / NodaConstants.NanosecondsPerHour} hour(s)"
        : duration.Days == 0 && duration.NanosecondOfDay % NodaConstants.NanosecondsPerMinute == 0 ? $"{duration.NanosecondOfDay / NodaConstants.NanosecondsPerMinute} minute(s)"
        : duration.ToString("-D:hh:mm:ss.FFFFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
}
