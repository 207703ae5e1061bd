
namespace InvitationKit.Secrets;

/// <summary>A freshly issued link secret and, for a new user, one-time password, with their hashes. The plaintexts live only in memory until mailed.</summary>
internal sealed record IssuedSecrets(string Secret, string? Otp, SecretHash SecretHash, SecretHash? OtpHash, int KeyId)
{
    /// <summary>Puts the hashes on the invitation (the plaintexts never go to the store).</summary>
    public Invitation ApplyTo(Invitation invitation, NodaTime.Instant issuedAt) => invitation with
    {
        SecretHash = SecretHash,
        OtpHash = OtpHash,
        KeyId = KeyId,
        IssuedAt = issuedAt,
    };
}
