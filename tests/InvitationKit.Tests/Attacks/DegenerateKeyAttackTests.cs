using System.Security.Cryptography;
using System.Text;
using InvitationKit.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 24, finding 4: a host that copied <c>new byte[32]</c> from a test started, and every six-digit code in its
/// database dump fell offline in about a second. The options now refuse keys no random generator makes.
/// </summary>
public sealed class DegenerateKeyAttackTests
{
    public static TheoryData<string, byte[]> DegenerateKeys => new()
    {
        { "all zero", new byte[32] },
        { "all 0xFF", Enumerable.Repeat((byte)0xFF, 64).ToArray() },
        { "a short pattern repeated", Enumerable.Range(0, 32).Select(i => (byte)(i % 4)).ToArray() },
        { "a passphrase typed twice", Encoding.UTF8.GetBytes("correct horse battcorrect horse batt") },
        { "half a random key, twice", Twice(RandomNumberGenerator.GetBytes(16)) },
        { "counting bytes", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray() },
        { "counting in a repeated pattern of steps", Enumerable.Range(0, 32).Select(i => (byte)((i * 3) + (i % 2))).ToArray() },
        { "all zero but one byte", [.. new byte[31], 1] },
        { "a few byte values", Encoding.ASCII.GetBytes("0110100110010110100101100110100101") },
    };

    [Theory]
    [MemberData(nameof(DegenerateKeys))]
    public void A_host_that_copies_a_degenerate_key_from_a_test_is_refused_at_start_up(string kind, byte[] key)
    {
        var exception = StartUp(o => o.SecretKey = key);
        var failure = Assert.Single(exception.Failures);
        Assert.True(failure.StartsWith("InvitationKitOptions.SecretKey is not random: ", StringComparison.Ordinal), $"{kind}: {failure}");
        Assert.Contains("RandomNumberGenerator.GetBytes(32)", failure, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DegenerateKeys))]
    public void A_degenerate_previous_key_kept_for_rotation_is_refused_at_start_up(string kind, byte[] key)
    {
        var exception = StartUp(o => (o.SecretKey, o.PreviousSecretKeys) = (RandomNumberGenerator.GetBytes(32), new List<byte[]> { RandomNumberGenerator.GetBytes(32), key }));
        var failure = Assert.Single(exception.Failures);
        Assert.True(failure.StartsWith("InvitationKitOptions.PreviousSecretKeys[1] is not random: ", StringComparison.Ordinal), $"{kind}: {failure}");
        Assert.Contains("resend", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refusal_says_what_is_wrong_with_the_key()
    {
        Assert.Equal("every byte is 0x00", SecretKeyQuality.Weakness(new byte[32]));
        Assert.Equal("it repeats a pattern of 4 bytes", SecretKeyQuality.Weakness(Enumerable.Range(0, 32).Select(i => (byte)(i % 4)).ToArray()));
        Assert.Equal("its bytes count in one constant step", SecretKeyQuality.Weakness(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal("it holds only 2 distinct byte value(s)", SecretKeyQuality.Weakness([.. new byte[31], 1]));
    }

    [Fact]
    public void Random_keys_are_accepted()
    {
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Null(SecretKeyQuality.Weakness(RandomNumberGenerator.GetBytes(32 + (i % 33))));
        }

        Assert.Null(SecretKeyQuality.Weakness(RandomNumberGenerator.GetBytes(1 << 20))); // a huge key is checked off the stack

        var result = new InvitationKitOptionsValidator().Validate(null, new InvitationKitOptions
        {
            SecretKey = RandomNumberGenerator.GetBytes(32),
            PreviousSecretKeys = [RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(64)],
        });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    private static OptionsValidationException StartUp(Action<InvitationKitOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddInvitationKit(configure).UseInMemoryPorts();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        return Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IInvitationManager>());
    }

    private static byte[] Twice(byte[] half) => [.. half, .. half];
}
