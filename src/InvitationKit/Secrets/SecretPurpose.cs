namespace InvitationKit.Secrets;

/// <summary>
/// Domain separation for keyed hashes: a token hash can never verify as an OTP and vice versa, and an activation
/// attempt's name in the failure budget is neither.
/// </summary>
internal enum SecretPurpose : byte
{
    LinkToken = (byte)'T',
    OneTimePassword = (byte)'O',
    OtpAttempt = (byte)'A',
}
