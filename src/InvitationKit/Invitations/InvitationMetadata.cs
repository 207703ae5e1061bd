using System.Collections.ObjectModel;

namespace InvitationKit;

/// <summary>The host's key/values of an invitation (rule 25): checked against the deployment's bounds, kept sorted by key.</summary>
internal static class InvitationMetadata
{
    /// <summary>No metadata.</summary>
    public static readonly IReadOnlyDictionary<string, string> Empty = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>
    /// Adds a problem to <paramref name="errors"/> for each entry out of bounds, and returns the metadata as it is stored:
    /// a copy sorted by key (ordinal), or <see cref="Empty"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Check(IReadOnlyDictionary<string, string>? metadata, InvitationKitOptions options, List<InvitationError> errors)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return Empty;
        }

        if (metadata.Count > options.MaxMetadataEntries)
        {
            errors.Add(InvitationErrors.TooManyMetadataEntries(metadata.Count, options.MaxMetadataEntries));
            return Empty;
        }

        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (!IsKey(key, options.MaxMetadataKeyLength))
            {
                errors.Add(InvitationErrors.InvalidMetadataKey(key, options.MaxMetadataKeyLength));
            }
            else if (value is null || value.Length > options.MaxMetadataValueLength || !IsText(value))
            {
                errors.Add(InvitationErrors.InvalidMetadataValue(key, options.MaxMetadataValueLength));
            }
            else
            {
                sorted[key] = value;
            }
        }

        return new ReadOnlyDictionary<string, string>(sorted);
    }

    /// <summary>A key: 1..<paramref name="maxLength"/> ASCII letters, digits, <c>_ - . :</c>.</summary>
    private static bool IsKey(string? key, int maxLength) =>
        key is { Length: > 0 } && key.Length <= maxLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':');

    /// <summary>Well-formed UTF-16 without control characters (PostgreSQL text holds no NUL; a mail header no line break).</summary>
    private static bool IsText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1])))
                || (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))))
            {
                return false;
            }
        }

        return true;
    }
}
