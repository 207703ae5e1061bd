using System.Security.Cryptography;
using InvitationKit.Secrets;

namespace InvitationKit.Tests.Secrets;

/// <summary>The key ring reuses keyed HMACs across calls and threads: each call must still be HMAC-SHA-256 of its own message alone.</summary>
public sealed class SecretKeyRingTests
{
    [Fact]
    public async Task Reused_hmacs_give_each_message_its_own_mac_under_its_own_key_when_many_threads_hash_at_once()
    {
        var (current, previous) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(48));
        var ring = new SecretKeyRing(current, [previous]);
        var keys = new Dictionary<int, byte[]> { [SecretKeyRing.KeyId(current)] = current, [SecretKeyRing.KeyId(previous)] = previous };

        var failures = await Task.WhenAll(Enumerable.Range(0, 4 * Environment.ProcessorCount).Select(worker => Task.Run(() =>
        {
            var wrong = 0;
            var mac = new byte[32];
            for (var i = 0; i < 2_000; i++)
            {
                // Messages of many lengths, so that a state left over from the one before would show.
                var message = RandomNumberGenerator.GetBytes((worker * 31 + i) % 200);
                var keyId = ring.IdAt(i % ring.Count);
                Assert.True(ring.TryCompute(keyId, message, mac));
                wrong += mac.SequenceEqual(HMACSHA256.HashData(keys[keyId], message)) ? 0 : 1;
            }

            return wrong;
        })));

        Assert.Equal(0, failures.Sum());
        Assert.False(ring.TryCompute(keyId: 7, [1, 2, 3], new byte[32])); // no such key
    }
}
