namespace InvitationKit.Secrets;

/// <summary>Domain separation for keyed hashes: a token hash can never verify as an OTP and vice versa.</summary>
internal enum SecretPurpose : byte
{
    LinkToken = (byte)'T',
    OneTimePassword = (byte)'O',
}
