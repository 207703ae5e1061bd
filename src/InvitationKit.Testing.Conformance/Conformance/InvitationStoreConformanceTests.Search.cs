using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

public abstract partial class InvitationStoreConformanceTests
{
    // ---- search -----------------------------------------------------------------------------------

    /// <summary>
    /// <see cref="InvitationQuery.EmailPrefix"/> (a prefix of the key, compared by code point) and
    /// <see cref="InvitationQuery.InvitedBy"/> narrow a page, together and with the status filter, counted and paged by
    /// keyset; nothing of another account is listed. The prefixes at the edges of the code point order (one ending
    /// just below the surrogates, one ending in the last code point) match exactly what starts with them.
    /// </summary>
    [StoreFact]
    public async Task Searching_by_the_start_of_the_address_and_by_inviter_lists_exactly_the_matches()
    {
        Invitation At(string key, int minute, string inviter = "owner") =>
            NewInvitation("acme", key) with { CreatedAt = T0 + Duration.FromMinutes(minute), InvitedBy = inviter };
        await InsertAsync("acme", 100,
            At("bob@example.com", 0),
            At("bobby@example.org", 1, "olga"),
            At("bo@example.com", 2),
            At("alice@example.com", 3, "olga"),
            At("ünal@example.com", 4),
            At("a\uD7FFz@example.com", 5),
            At("a\uE000@example.com", 6),
            At("x\U0010FFFFy@example.com", 7),
            At("x\U0010FFFF@example.com", 8)).ConfigureAwait(false);
        await InsertAsync("globex", 100, NewInvitation("globex", "bob@globex.example")).ConfigureAwait(false);

        async Task<string[]> Keys(InvitationQuery query) =>
            [.. (await Invitations.ListAsync(query, T0, default).ConfigureAwait(false)).Items.Select(i => i.EmailKey)];

        Assert.Equal(["bobby@example.org", "bob@example.com"], await Keys(new InvitationQuery("acme", EmailPrefix: "bob")).ConfigureAwait(false));
        Assert.Equal(["bob@example.com"], await Keys(new InvitationQuery("acme", EmailPrefix: "bob@")).ConfigureAwait(false));
        Assert.Equal(["ünal@example.com"], await Keys(new InvitationQuery("acme", EmailPrefix: "ü")).ConfigureAwait(false));
        Assert.Empty(await Keys(new InvitationQuery("acme", EmailPrefix: "u")).ConfigureAwait(false));
        Assert.Equal(["a\uD7FFz@example.com"], await Keys(new InvitationQuery("acme", EmailPrefix: "a\uD7FF")).ConfigureAwait(false));
        Assert.Equal(["x\U0010FFFF@example.com", "x\U0010FFFFy@example.com"], await Keys(new InvitationQuery("acme", EmailPrefix: "x\U0010FFFF")).ConfigureAwait(false));
        Assert.Equal(["alice@example.com", "bobby@example.org"], await Keys(new InvitationQuery("acme", InvitedBy: "olga")).ConfigureAwait(false));
        Assert.Equal(["bobby@example.org"], await Keys(new InvitationQuery("acme", EmailPrefix: "b", InvitedBy: "olga")).ConfigureAwait(false));
        Assert.Empty(await Keys(new InvitationQuery("acme", InvitationStatus.Accepted, EmailPrefix: "b")).ConfigureAwait(false));

        // Counted, and paged by keyset one match at a time.
        var first = await Invitations.ListAsync(new InvitationQuery("acme", Limit: 1, EmailPrefix: "b"), T0, default).ConfigureAwait(false);
        Assert.Equal(3, first.TotalCount);
        var listed = first.Items.Select(i => i.EmailKey).ToList();
        for (var token = first.ContinuationToken; token is not null;)
        {
            var page = await Invitations.ListAsync(new InvitationQuery("acme", Limit: 1, ContinuationToken: token, IncludeTotal: false, EmailPrefix: "b"), T0, default).ConfigureAwait(false);
            listed.AddRange(page.Items.Select(i => i.EmailKey));
            token = page.ContinuationToken;
        }

        Assert.Equal(["bo@example.com", "bobby@example.org", "bob@example.com"], listed);
    }
}
