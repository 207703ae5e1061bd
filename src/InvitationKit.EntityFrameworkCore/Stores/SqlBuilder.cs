using System.Globalization;
using System.Text;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// The one way the store writes raw SQL: the text of one command (one statement or several, sent as one round trip),
/// and its values. Every value becomes a parameter, named in the text by the placeholder <see cref="Value"/> or
/// <see cref="List"/> returns (<c>{0}</c>, <c>{1}</c>…, which EF Core turns into the provider's parameter names);
/// the rest of the text is SQL the package carries (written in the code, or its schema scripts), with identifiers from
/// <see cref="Model.Tables"/> and the EF model. <see cref="RawSql"/> is the one place a built command is handed to EF Core.
/// </summary>
/// <remarks>
/// A value is never written into the text, so nothing a caller passes can change the statement. The text passes
/// through <see cref="string.Format(IFormatProvider, string, object[])"/> in EF Core, so it holds no braces but the
/// placeholders this builder makes.
/// </remarks>
internal sealed class SqlBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<object?> _values = [];
    private Dictionary<object, string>? _placeholders; // made when a command has many values; a few are searched

    /// <summary>The command's text, with the placeholders as EF Core's raw-SQL methods take them.</summary>
    public string Text => _text.ToString();

    /// <summary>The command's values, in placeholder order: plain values, or the provider's own <c>DbParameter</c>s.</summary>
    public object?[] Values => [.. _values];

    /// <summary>
    /// Adds a value; returns its placeholder, to write into the text as often as it is needed. A number, flag, string
    /// or <see cref="Guid"/> equal to one added before (and of the same type) gets that value's placeholder: a batch's
    /// rows share their instants and counters, and every parameter costs the database a lookup by name and a bind.
    /// </summary>
    /// <param name="value">The value (null for SQL NULL), or a <c>DbParameter</c> to send as it is.</param>
    /// <returns>The placeholder.</returns>
    public string Value(object? value)
    {
        var shared = IsShared(value);
        if (shared && Find(value!) is { } existing)
        {
            return existing;
        }

        _values.Add(value);
        var placeholder = Placeholder(_values.Count - 1);
        if (shared && _placeholders is not null)
        {
            _placeholders[value!] = placeholder;
        }

        return placeholder;
    }

    /// <summary>Whether a value is one that equal values share a placeholder with: a number, flag, string or GUID.</summary>
    private static bool IsShared(object? value) => value is int or long or bool or string or Guid;

    private static string Placeholder(int index) => "{" + index.ToString(CultureInfo.InvariantCulture) + "}";

    /// <summary>The placeholder of a value equal to <paramref name="value"/> and of its type added before, if any.</summary>
    private string? Find(object value)
    {
        const int SearchedUpTo = 16;
        if (_placeholders is null)
        {
            if (_values.Count < SearchedUpTo)
            {
                for (var i = 0; i < _values.Count; i++)
                {
                    if (_values[i] is { } v && v.GetType() == value.GetType() && v.Equals(value))
                    {
                        return Placeholder(i);
                    }
                }

                return null;
            }

            _placeholders = [];
            for (var i = _values.Count - 1; i >= 0; i--)
            {
                if (IsShared(_values[i]))
                {
                    _placeholders[_values[i]!] = Placeholder(i); // the first of equal values wins, as a search finds it
                }
            }
        }

        return _placeholders.GetValueOrDefault(value);
    }

    /// <summary>
    /// Adds values; returns their placeholders separated by commas, for an <c>IN (…)</c> or a <c>VALUES (…)</c> list.
    /// Not <c>params</c>, so a sequence of value types or a single string cannot be taken for one value by mistake.
    /// </summary>
    /// <param name="values">The values, in order (<c>[a, b]</c>, or a sequence of reference types).</param>
    /// <returns>The placeholders, comma-separated.</returns>
    public string List(IEnumerable<object?> values) => string.Join(", ", values.Select(Value));

    /// <summary>Appends text: SQL the package carries, constant identifiers and placeholders from this builder; never a value.</summary>
    /// <param name="sql">The text.</param>
    /// <returns>This builder.</returns>
    public SqlBuilder Append(string sql)
    {
        _text.Append(sql);
        return this;
    }

    /// <summary>Appends a statement of a command of several, ending it with a semicolon.</summary>
    /// <param name="sql">The statement's text.</param>
    /// <returns>This builder.</returns>
    public SqlBuilder Statement(string sql)
    {
        _text.Append(sql).Append(";\n");
        return this;
    }
}
