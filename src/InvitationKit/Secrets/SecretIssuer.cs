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

    private int _uncleared;

    /// <summary>How many issued secrets still hold their plaintexts (not yet disposed), for tests.</summary>
    internal int Uncleared => Volatile.Read(ref _uncleared);

    /// <summary>
    /// Issues a fresh link secret and, for a new user, a one-time password, in buffers the caller disposes (zeroes) once
    /// the mailer has had them or when they will not be mailed.
    /// </summary>
    public IssuedSecrets Issue(Guid invitationId, InvitationKind kind)
    {
        var secret = SecretGenerator.NewBuffer(OtpFormat.UrlSafeToken, SecretGenerator.LinkTokenBytes);
        SecretGenerator.Fill(OtpFormat.UrlSafeToken, SecretGenerator.LinkTokenBytes, secret);
        char[]? otp = null;
        if (kind == InvitationKind.NewUser)
        {
            otp = SecretGenerator.NewBuffer(_options.OtpFormat, _options.OtpLength);
            SecretGenerator.Fill(_options.OtpFormat, _options.OtpLength, otp);
        }

        Interlocked.Increment(ref _uncleared);
        return new IssuedSecrets(secret, otp, hasher.HashLinkToken(secret), otp is null ? null : hasher.HashOtp(invitationId, otp), hasher.CurrentKeyId, () => Interlocked.Decrement(ref _uncleared));
    }

    /// <summary>
    /// Issues only a fresh one-time password for a host-delivered new-user invitation (rule 24): the link the host
    /// delivers keeps its hash, so a retry of the code's mail never kills it. The secret buffer is empty.
    /// </summary>
    public IssuedSecrets IssueCode(Invitation invitation)
    {
        var otp = SecretGenerator.NewBuffer(_options.OtpFormat, _options.OtpLength);
        SecretGenerator.Fill(_options.OtpFormat, _options.OtpLength, otp);
        Interlocked.Increment(ref _uncleared);
        return new IssuedSecrets([], otp, invitation.SecretHash, hasher.HashOtp(invitation.Id, otp), hasher.CurrentKeyId, () => Interlocked.Decrement(ref _uncleared));
    }

    /// <summary>When the invitation's one-time password stops working: its lifetime after issue, never after the invitation.</summary>
    public Instant OtpExpiry(Invitation invitation) => Instant.Min(invitation.IssuedAt + _options.OtpLifetime, invitation.ExpiresAt);
}
