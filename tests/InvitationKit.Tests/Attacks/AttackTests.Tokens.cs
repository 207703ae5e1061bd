using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 24, finding 10: a continuation token with an out-of-range timestamp threw <c>ArgumentOutOfRangeException</c>
/// before the permission check, so a signed-in stranger got HTTP 500 instead of a typed answer.
/// </summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_forged_continuation_token_with_an_out_of_range_timestamp_is_InvalidInput_and_a_stranger_gets_the_permission_answer()
    {
        await using var kit = await KitAsync();
        await kit.InviteOneAsync("a@example.com");
        await kit.InviteOneAsync("b@example.com");
        var stranger = await kit.TenantAsync("elsewhere");
        var genuine = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 1))).ShouldSucceed().ContinuationToken;
        var refusal = await kit.Manager.ListAsync(stranger, new InvitationQuery(TestKit.AccountId, Limit: 1, ContinuationToken: genuine));
        Assert.False(refusal.Succeeded);

        foreach (var ticks in new[] { long.MaxValue, long.MinValue, Instant.MaxValue.ToUnixTimeTicks() + 1, Instant.MinValue.ToUnixTimeTicks() - 1 })
        {
            var forged = ForgedToken(ticks);
            (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 1, ContinuationToken: forged))).ShouldFailWith(InvitationErrorCode.InvalidInput);

            // Permission first, then the token: the stranger learns nothing more from a forged token than from a genuine one.
            var answer = await kit.Manager.ListAsync(stranger, new InvitationQuery(TestKit.AccountId, Limit: 1, ContinuationToken: forged));
            Assert.Equal(refusal.Errors.Select(e => (e.Code, e.Message)), answer.Errors.Select(e => (e.Code, e.Message)));
        }

        // The edges of the range are well-formed cursors: a page, not an error.
        (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 1, ContinuationToken: ForgedToken(Instant.MaxValue.ToUnixTimeTicks())))).ShouldSucceed();
        (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 1, ContinuationToken: ForgedToken(Instant.MinValue.ToUnixTimeTicks())))).ShouldSucceed();
    }

    /// <summary>A continuation token as the kit encodes one, with any timestamp and a random id.</summary>
    internal static string ForgedToken(long ticks)
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ticks);
        RandomNumberGenerator.Fill(bytes.AsSpan(8));
        return "i1." + Base64Url.EncodeToString(bytes);
    }
}
