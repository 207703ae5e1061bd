using System.Globalization;
using System.Text;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// The text and values of one command of several statements, sent as one round trip (see <see cref="EntityRows"/>):
/// each value becomes a parameter, named in the text by the placeholder <see cref="Value"/> returns.
/// </summary>
internal sealed class SqlBatch
{
    private readonly StringBuilder _sql = new();
    private readonly List<object?> _values = [];

    /// <summary>The command's text, with <c>{0}</c>… placeholders as <c>ExecuteSqlRaw</c> takes them.</summary>
    public string Sql => _sql.ToString();

    /// <summary>The command's values, in placeholder order.</summary>
    public object?[] Values => [.. _values];

    /// <summary>Adds a value; returns its placeholder, to write into the text as often as it is needed.</summary>
    public string Value(object? value)
    {
        _values.Add(value);
        return "{" + (_values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
    }

    /// <summary>Appends a statement.</summary>
    public SqlBatch Statement(string sql)
    {
        _sql.Append(sql).Append(";\n");
        return this;
    }
}
