namespace InvitationKit;

/// <summary>
/// A validated email address with a case-insensitive matching <see cref="Key"/>, so that
/// <c>Alice@Example.COM</c> and <c>alice@example.com</c> are the same mailbox.
/// </summary>
/// <remarks>
/// <para>
/// Surrounding whitespace is trimmed before anything else, because people paste addresses:
/// <c>"  carol@example.com "</c> is <c>carol@example.com</c>, and <see cref="Value"/> never starts or ends with
/// whitespace. Trimmed are the leading and trailing characters of Unicode's White_Space property (exactly
/// <see cref="char.IsWhiteSpace(char)"/>): space, tab, CR, LF, VT, FF, U+0085, no-break spaces (U+00A0, U+202F), the
/// U+2000–U+200A spaces, U+1680, U+205F, U+3000 and the line and paragraph separators U+2028, U+2029. Nothing else is
/// trimmed — a zero-width space or a byte-order mark is a format character, refused wherever it stands — and whitespace
/// inside the address is judged by the rules below exactly as written (<c>carol @example.com</c> is refused). An
/// address that is only whitespace is <see cref="EmailAddressError.Empty"/>. The limits below apply to the trimmed
/// address.
/// </para>
/// <para>
/// Accepted: RFC 5321 mailboxes — a dot-atom or quoted-string local part (internationalized per RFC 6531),
/// and a host name (IDN allowed, at least two labels) or an address literal (<c>[192.0.2.1]</c>,
/// <c>[IPv6:2001:db8::1]</c>). Lengths: local part ≤ 64 octets, domain ≤ 253, whole address ≤ 254 octets.
/// Rejected: display-name forms (<c>Name &lt;a@b.c&gt;</c>), comments, trailing-dot domains, and any control,
/// format or line-breaking character — even inside quotes — and any invisible code point (Unicode's
/// Default_Ignorable_Code_Point, e.g. U+3164 HANGUL FILLER or the variation selectors), which would make a look-alike
/// of another mailbox. An internationalized domain is mapped by IDNA and the result must pass the ASCII rules again
/// (<c>example.com。</c> maps to a trailing dot and is refused).
/// </para>
/// <para>
/// <see cref="Value"/> keeps the local part as written and normalizes the domain to lowercase ASCII (punycode for IDN).
/// <see cref="Key"/> additionally case-folds the local part (NFC, invariant lowercase, final sigma as σ) and removes
/// needless quoting; IPv6 literals take their RFC 5952 canonical form.
/// Normalization is idempotent: parsing <see cref="Value"/> or <see cref="Key"/> again yields the same key.
/// </para>
/// </remarks>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly struct EmailAddress : IEquatable<EmailAddress>
{
    /// <summary>The longest address accepted, in UTF-8 octets (RFC 5321 forward-path of 256 minus the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>The longest local part accepted, in UTF-8 octets (RFC 5321 §4.5.3.1.1).</summary>
    public const int MaxLocalPartLength = 64;

    /// <summary>The longest domain accepted, in ASCII octets after IDN conversion.</summary>
    public const int MaxDomainLength = 253;

    // The rules live beside this type: EmailGrammar checks the syntax (with EmailCharacters and EmailAddressLiteral),
    // EmailNormalizer builds the value and the key.
    private readonly string? _value;
    private readonly string? _key;

    private EmailAddress(string value, string key)
    {
        _value = value;
        _key = key;
    }

    /// <summary>
    /// Rebuilds an address the kit parsed and stored earlier, without parsing it again: a stored invitation can always be
    /// delivered, resent and listed, even if a later version's rules would refuse the address.
    /// </summary>
    internal static EmailAddress FromStored(string value, string key) => new(value, key);

    /// <summary>The address without surrounding whitespace, its domain normalized to lowercase ASCII; the local part as written.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The matching key: case-folded local part and normalized domain. Equal keys mean the same mailbox.</summary>
    public string Key => _key ?? string.Empty;

    /// <summary>The local part (before the last <c>@</c>) of <see cref="Value"/>.</summary>
    public string LocalPart => Value[..Value.LastIndexOf('@')];

    /// <summary>The normalized domain of <see cref="Value"/>.</summary>
    public string Domain => Value[(Value.LastIndexOf('@') + 1)..];

    /// <summary>Parses an address, throwing <see cref="FormatException"/> when it is not acceptable.</summary>
    /// <param name="text">The address to parse; surrounding whitespace is trimmed.</param>
    /// <returns>The parsed address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The address is not acceptable; the message says why.</exception>
    public static EmailAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address, out var error)
            ? address
            : throw new FormatException($"'{Internal.Identifier.Excerpt(text)}' is not an acceptable email address: {Describe(error)}");
    }

    /// <summary>Parses an address without throwing.</summary>
    /// <param name="text">The address to parse; surrounding whitespace is trimmed.</param>
    /// <param name="address">The parsed address on success.</param>
    /// <returns>Whether the address is acceptable.</returns>
    public static bool TryParse(string? text, out EmailAddress address) => TryParse(text, out address, out _);

    /// <summary>Parses an address without throwing, saying why it failed.</summary>
    /// <param name="text">
    /// The address to parse; surrounding whitespace is trimmed, and null or only whitespace is reported as
    /// <see cref="EmailAddressError.Empty"/>.
    /// </param>
    /// <param name="address">The parsed address on success.</param>
    /// <param name="error"><see cref="EmailAddressError.None"/> on success, otherwise the reason.</param>
    /// <returns>Whether the address is acceptable.</returns>
    public static bool TryParse(string? text, out EmailAddress address, out EmailAddressError error)
    {
        error = EmailNormalizer.Normalize(text, out var value, out var key);
        address = error == EmailAddressError.None ? new EmailAddress(value, key) : default;
        return error == EmailAddressError.None;
    }

    /// <summary>A sentence describing a parse error, suitable for a developer or an end user.</summary>
    /// <param name="error">The error to describe.</param>
    /// <returns>The description.</returns>
    public static string Describe(EmailAddressError error) => error switch
    {
        EmailAddressError.None => "the address is valid.",
        EmailAddressError.Empty => "the address is empty (or only whitespace).",
        EmailAddressError.TooLong => "the address is longer than 254 characters.",
        EmailAddressError.MissingAt => "the address has no '@' between the name and the domain.",
        EmailAddressError.InvalidLocalPart => "the part before '@' is empty, longer than 64 characters, or holds characters that need quoting.",
        EmailAddressError.InvalidDomain => "the domain is not a valid host name such as example.com.",
        EmailAddressError.ForbiddenCharacter => "the address holds a control or line-break character.",
        _ => "the address is not acceptable.",
    };

    /// <inheritdoc />
    public bool Equals(EmailAddress other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EmailAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The normalized address.</returns>
    public override string ToString() => Value;

    /// <summary>Whether two addresses are the same mailbox.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether their keys are equal.</returns>
    public static bool operator ==(EmailAddress left, EmailAddress right) => left.Equals(right);

    /// <summary>Whether two addresses are different mailboxes.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether their keys differ.</returns>
    public static bool operator !=(EmailAddress left, EmailAddress right) => !left.Equals(right);
}
