namespace InvitationKit;

/// <summary>The shape of the one-time password mailed to a new user.</summary>
public enum OtpFormat
{
    /// <summary>Decimal digits, e.g. <c>482913</c>; <see cref="InvitationKitOptions.OtpLength"/> is the digit count.</summary>
    Digits = 0,

    /// <summary>
    /// Characters from the unambiguous alphabet <c>23456789ABCDEFGHJKLMNPQRSTUVWXYZ</c> (no 0/O, 1/I), entered case-insensitively;
    /// <see cref="InvitationKitOptions.OtpLength"/> is the character count.
    /// </summary>
    Alphanumeric = 1,

    /// <summary>A base64url token; <see cref="InvitationKitOptions.OtpLength"/> is the number of random bytes (at least 16).</summary>
    UrlSafeToken = 2,
}
