using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Secrets;

/// <summary>
/// Issues an invitation's secrets (rules 9, 11, 12): a fresh link secret and, for a new user, a one-time password, hashed
/// under the current key; and says how long a code lives.
/// </summary>
internal sealed class SecretIssuer(SecretHasher hasher, IOptions<InvitationKitOptions> options)
{
    private readonly InvitationKitOptions _options = options.Value;

    /// <summary>Issues a fresh link secret and, for a new user, a one-time password.</summary>
    public IssuedSecrets Issue(Guid invitationId, InvitationKind kind)
    {
        var secret = SecretGenerator.LinkToken();
        var otp = kind == InvitationKind.NewUser ? SecretGenerator.Generate(_options.OtpFormat, _options.OtpLength) : null;
        return new IssuedSecrets(secret, otp, hasher.HashLinkToken(secret), otp is null ? null : hasher.HashOtp(invitationId, otp), hasher.CurrentKeyId);
    }

    /// <summary>When the invitation's one-time password stops working: its lifetime after issue, never after the invitation.</summary>
    public Instant OtpExpiry(Invitation invitation) => Instant.Min(invitation.IssuedAt + _options.OtpLifetime, invitation.ExpiresAt);
}
