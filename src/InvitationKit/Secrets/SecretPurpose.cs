namespace InvitationKit.Secrets;

/// <summary>
/// Domain separation for keyed hashes: a token hash can never verify as an OTP and vice versa, and an activation
/// attempt's name in the failure budget and a recipient's partition in the mail throttle are neither.
/// </summary>
internal enum SecretPurpose : byte
{
    LinkToken = (byte)'T',
    OneTimePassword = (byte)'O',
    OtpAttempt = (byte)'A',
    RecipientPartition = (byte)'R',
}
