namespace InvitationKit;

/// <summary>Why a string is not an acceptable email address.</summary>
public enum EmailAddressError
{
    /// <summary>The address is valid.</summary>
    None = 0,

    /// <summary>The string is null, empty, or only whitespace.</summary>
    Empty = 1,

    /// <summary>The address is longer than the 254 octets RFC 5321 allows in a forward path.</summary>
    TooLong = 2,

    /// <summary>There is no <c>@</c> separating the local part from the domain.</summary>
    MissingAt = 3,

    /// <summary>The local part is empty, longer than 64 octets, or not a dot-atom or quoted string.</summary>
    InvalidLocalPart = 4,

    /// <summary>The domain is not a valid host name (with at least two labels), IDN, or address literal.</summary>
    InvalidDomain = 5,

    /// <summary>The string holds a control, format or line-breaking character (CR, LF, NUL, bidi overrides, ...).</summary>
    ForbiddenCharacter = 6,
}
