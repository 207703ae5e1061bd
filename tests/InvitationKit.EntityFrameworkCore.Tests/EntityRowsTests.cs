using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.EntityFrameworkCore.Stores;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// A raw read finds each column at its index in the model's select list (no name asked per column), so a statement
/// whose columns are in another order, as a <c>SELECT *</c> of a table its migrations grew is, must be refused rather
/// than read into the wrong properties.
/// </summary>
public sealed class EntityRowsTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Fact]
    public Task Rows_read_by_the_select_list_and_a_select_star_refused_on_sqlite() => ReadsAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Rows_read_by_the_select_list_and_a_select_star_refused_on_postgresql() => ReadsAsync(InvitationKitDatabase.PostgreSql);

    private static async Task ReadsAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var context = database.NewContext();
        var invitation = TestInvitations.Pending("acme", "bob@example.com", T0, Duration.FromDays(7));
        var stores = InvitationKitStores.Create(context);
        await stores.Invitations.InsertBatchAsync(new InvitationBatch("acme", 10, T0, [invitation]), default);

        var list = EntityColumns<InvitationEntity>.SelectList(context.Model);
        var read = await ReadAsync(context, $"SELECT {list} FROM {Tables.Invitations}");
        Assert.Equal(invitation.Id, Assert.Single(read).Id);
        Assert.Equal(invitation.EmailKey, read[0].EmailKey);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAsync(context, $"SELECT * FROM {Tables.Invitations}"));
        var reversed = string.Join(", ", list.Split(", ").Reverse());
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAsync(context, $"SELECT {reversed} FROM {Tables.Invitations}"));
    }

    private static async Task<List<InvitationEntity>> ReadAsync(InvitationKitDbContext context, string select)
    {
        await using var reader = await RawSql.ExecuteReaderAsync(context, new SqlBuilder().Append(select), default);
        return await EntityRows.ReadAsync<InvitationEntity>(context, reader.DbDataReader, default);
    }
}
