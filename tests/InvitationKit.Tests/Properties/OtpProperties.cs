using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InvitationKit.Secrets;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Properties;

/// <summary>Invariants: verify(issue) succeeds once and only once; any other code fails; lockout after N failures; codes from the alphabet.</summary>
public sealed class OtpProperties : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly Shared<TestKit> _kit = new(() => TestKit.CreateAsync(o => o.MaxOtpAttempts = 5, userLimit: 1_000_000));
    private int _counter;

    [Property(MaxTest = 10_000)]
    public Property Only_the_issued_code_verifies()
    {
        var hasher = new SecretHasher(new SecretKeyRing(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var key = hasher.CurrentKeyId;
        var formats = Gen.Elements(OtpFormat.Digits, OtpFormat.Alphanumeric, OtpFormat.UrlSafeToken);
        var other = Gen.Elements("0123456789ABCDEFGHJKLMNPQRSTUVWXYZabc-_".ToCharArray()).ArrayOf().Select(a => new string(a));
        return Prop.ForAll(formats.ToArbitrary(), other.ToArbitrary(), (format, guess) =>
        {
            var length = format == OtpFormat.UrlSafeToken ? 16 : 6;
            var otp = SecretGenerator.Generate(format, length);
            var id = Guid.NewGuid();
            var hash = hasher.HashOtp(id, otp);
            var normalizedGuess = format == OtpFormat.Alphanumeric ? guess.ToUpperInvariant() : guess;
            return hasher.VerifyOtp(id, otp, hash, key, format)
                && (normalizedGuess.Replace("-", string.Empty, StringComparison.Ordinal) == otp || !hasher.VerifyOtp(id, guess, hash, key, format));
        });
    }

    [Property(MaxTest = 10_000)]
    public Property Generated_codes_have_the_configured_length_and_alphabet()
    {
        var cases = Gen.Elements(OtpFormat.Digits, OtpFormat.Alphanumeric, OtpFormat.UrlSafeToken)
            .SelectMany(f => Gen.Choose(f == OtpFormat.UrlSafeToken ? 16 : 6, f == OtpFormat.UrlSafeToken ? 64 : 32).Select(n => (Format: f, Length: n)));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var code = SecretGenerator.Generate(c.Format, c.Length);
            var alphabet = c.Format switch
            {
                OtpFormat.Digits => "0123456789",
                OtpFormat.Alphanumeric => SecretGenerator.Alphabet,
                _ => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            };
            return code.Length == SecretGenerator.GetCharCount(c.Format, c.Length) && code.All(alphabet.Contains);
        });
    }

    [Property(MaxTest = 1000)]
    public Property An_issued_code_activates_once_and_only_once_and_n_failures_spend_the_budget() =>
        Prop.ForAll(Gen.Choose(0, 8).ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), (wrongAttempts, fromLink) => PropertyRunner.Run(async () =>
        {
            // From the invitation's page a spent budget is told (OtpLockedOut); at the bare address it is answered as a
            // wrong code, so nobody learns from the refusal that the address was invited.
            var kit = _kit.Value;
            var email = $"p{Interlocked.Increment(ref _counter)}@example.com";
            await kit.InviteOneAsync(email);
            var otp = kit.OtpFor(email);
            var secret = fromLink ? kit.SecretFor(email) : null;
            var spent = fromLink ? InvitationErrorCode.OtpLockedOut : InvitationErrorCode.OtpInvalid;
            for (var i = 0; i < wrongAttempts; i++)
            {
                var wrong = await kit.Manager.ActivateAsync(new ActivationRequest(email, $"wrong-{i}", Password) { Secret = secret });
                if (!wrong.HasError(i >= 5 ? spent : InvitationErrorCode.OtpInvalid))
                {
                    return false;
                }
            }

            var first = await kit.Manager.ActivateAsync(new ActivationRequest(email, otp, Password) { Secret = secret });
            if (wrongAttempts >= 5)
            {
                return first.HasError(spent);
            }

            var second = await kit.Manager.ActivateAsync(new ActivationRequest(email, otp, Password) { Secret = secret });
            return first.Succeeded && second.HasError(InvitationErrorCode.OtpInvalid);
        }));

    public void Dispose() => _kit.Dispose();
}
