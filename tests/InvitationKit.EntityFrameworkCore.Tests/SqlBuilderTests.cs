using InvitationKit.EntityFrameworkCore.Stores;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// A raw command's equal scalar values share one parameter (a 100-mail claim had 800, each looked up by name), and
/// nothing else is shared: a value of another type, a byte array or a null always gets its own.
/// </summary>
public sealed class SqlBuilderTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(40)] // past the few values searched one by one
    public void Equal_numbers_flags_strings_and_guids_share_one_placeholder(int before)
    {
        var sql = new SqlBuilder();
        var id = Guid.NewGuid();
        for (var i = 0; i < before; i++)
        {
            sql.Value($"other-{i}");
        }

        var first = new[] { sql.Value(7L), sql.Value(true), sql.Value("acme"), sql.Value(id), sql.Value(7) };
        var again = new[] { sql.Value(7L), sql.Value(true), sql.Value("acme"), sql.Value(id), sql.Value(7) };

        Assert.Equal(first, again);
        Assert.Equal(before + 5, sql.Values.Length);
        Assert.Equal(5, first.Distinct().Count()); // 7L and 7 are of two types: two parameters
    }

    [Fact]
    public void Byte_arrays_nulls_and_values_of_another_type_get_their_own_placeholders()
    {
        var sql = new SqlBuilder();
        byte[] hash = [1, 2, 3];
        string[] placeholders = [sql.Value(hash), sql.Value(hash), sql.Value(null), sql.Value(null), sql.Value(1), sql.Value(1L), sql.Value("1")];
        Assert.Equal(placeholders.Length, placeholders.Distinct().Count());
        Assert.Equal(placeholders.Length, sql.Values.Length);
    }
}
