using System.Buffers.Binary;
using System.Buffers.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Properties;

/// <summary>
/// Continuation tokens as hostile input (issue 24, finding 10), 10 000 generated cases each: well-formed encodings of
/// any 24 bytes (every timestamp a long holds), other lengths, genuine tokens with a character changed, cut or added,
/// and arbitrary strings. A token decodes to a cursor that encodes back to it, or is refused — never an exception; the
/// manager answers a manager with a page or <see cref="InvitationErrorCode.InvalidInput"/>, and a stranger with the
/// answer a genuine token gets. Member lists page by offset and carry no token.
/// </summary>
public sealed class ContinuationTokenProperties : IDisposable
{
    private const int Cases = 10_000;

    private static readonly long[] EdgeTicks =
    [
        long.MinValue, long.MaxValue, 0, -1,
        Instant.MinValue.ToUnixTimeTicks(), Instant.MinValue.ToUnixTimeTicks() - 1,
        Instant.MaxValue.ToUnixTimeTicks(), Instant.MaxValue.ToUnixTimeTicks() + 1,
    ];

    private static readonly Gen<byte[]> AnyBytes24 = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(24);

    private static readonly Gen<string> Tokens = Gen.OneOf(
        AnyBytes24.Select(Encode),
        Gen.Elements(EdgeTicks).SelectMany(ticks => AnyBytes24.Select(bytes =>
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes, ticks);
            return Encode(bytes);
        })),
        Gen.Choose(0, 40).SelectMany(n => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(n)).Select(Encode),
        AnyBytes24.Select(Encode).SelectMany(token => Gen.Choose(0, token.Length - 1).SelectMany(at => Gen.Choose(0, 0xFFFF).SelectMany(c => Gen.Elements(
            token[..at] + (char)c + token[(at + 1)..],
            token[..at],
            token + (char)c,
            token.Insert(at, ((char)c).ToString()))))),
        Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(a => "i1." + new string(a)),
        Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(a => new string(a)));

    private readonly Shared<TokenKit> _kit = new(TokenKit.CreateAsync);

    [Property(MaxTest = Cases)]
    public Property Any_token_decodes_to_a_cursor_that_encodes_back_to_it_or_is_refused() =>
        Prop.ForAll(Tokens.ToArbitrary(), token =>
            !InvitationListCursor.TryDecode(token, out var cursor) || cursor.Encode() == token);

    [Property(MaxTest = Cases)]
    public Property Any_token_is_a_page_or_InvalidInput_for_a_manager_and_the_permission_answer_for_a_stranger() =>
        Prop.ForAll(Tokens.ToArbitrary(), token => PropertyRunner.Run(async () =>
        {
            var kit = _kit.Value;
            var owner = await kit.Kit.Manager.ListAsync(kit.Kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 1, ContinuationToken: token));
            var ownerAnswered = InvitationListCursor.TryDecode(token, out _)
                ? owner.Succeeded
                : !owner.Succeeded && owner.Errors.Single().Code == InvitationErrorCode.InvalidInput;
            var stranger = await kit.Kit.Manager.ListAsync(kit.Stranger, new InvitationQuery(TestKit.AccountId, Limit: 1, ContinuationToken: token));
            return ownerAnswered && stranger.Errors.Select(e => (e.Code, e.Message)).SequenceEqual(kit.Refusal);
        }));

    public void Dispose() => _kit.Dispose();

    private static string Encode(byte[] bytes) => "i1." + Base64Url.EncodeToString(bytes);

    /// <summary>Acme with two invitations, a stranger owning another account, and the answer the stranger gets for a genuine token.</summary>
    private sealed class TokenKit(TestKit kit, Actor stranger, IReadOnlyList<(InvitationErrorCode, string)> refusal) : IAsyncDisposable
    {
        public TestKit Kit => kit;

        public Actor Stranger => stranger;

        public IReadOnlyList<(InvitationErrorCode Code, string Message)> Refusal => refusal;

        public static async Task<TokenKit> CreateAsync()
        {
            var kit = await TestKit.CreateAsync();
            await kit.InviteOneAsync("a@example.com");
            await kit.InviteOneAsync("b@example.com");
            var stranger = await kit.TenantAsync("elsewhere");
            var genuine = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 1))).ShouldSucceed().ContinuationToken;
            var refusal = await kit.Manager.ListAsync(stranger, new InvitationQuery(TestKit.AccountId, Limit: 1, ContinuationToken: genuine));
            Assert.False(refusal.Succeeded);
            return new TokenKit(kit, stranger, [.. refusal.Errors.Select(e => (e.Code, e.Message))]);
        }

        public ValueTask DisposeAsync() => kit.DisposeAsync();
    }
}
