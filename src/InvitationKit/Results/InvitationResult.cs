using System.Diagnostics.CodeAnalysis;

namespace InvitationKit;

/// <summary>
/// The outcome of an operation: a value on success, otherwise every <see cref="InvitationError"/> found.
/// Domain failures are returned this way, never thrown.
/// </summary>
/// <typeparam name="T">The value of a successful operation.</typeparam>
/// <remarks>
/// Two results are equal when both succeeded with equal values, or both failed with the same errors' codes and recipients
/// in the same order (messages and remedies are prose, not identity). So <c>Assert.Equal(0, result)</c> compares values.
/// </remarks>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed class InvitationResult<T> : IEquatable<InvitationResult<T>>
{
    private readonly T? _value;

    private InvitationResult(T? value, IReadOnlyList<InvitationError> errors)
    {
        _value = value;
        Errors = errors;
    }

    /// <summary>Whether the operation succeeded.</summary>
    [MemberNotNullWhen(true, nameof(ValueOrDefault))]
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The errors; empty on success.</summary>
    public IReadOnlyList<InvitationError> Errors { get; }

    /// <summary>The value on success.</summary>
    /// <exception cref="InvalidOperationException">The operation failed; the message lists the errors.</exception>
    public T Value => Succeeded
        ? _value!
        : throw new InvalidOperationException($"The operation failed, so it has no value. Check Succeeded first. Errors: {string.Join("; ", Errors)}");

    /// <summary>The value on success, else the default of <typeparamref name="T"/>.</summary>
    public T? ValueOrDefault => _value;

    /// <summary>Gets the value when the operation succeeded.</summary>
    /// <param name="value">The value on success.</param>
    /// <returns>Whether the operation succeeded.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return Succeeded;
    }

    /// <summary>Whether any error has the given code.</summary>
    /// <param name="code">The code to look for.</param>
    /// <returns>Whether an error with that code is present.</returns>
    public bool HasError(InvitationErrorCode code) => Errors.Any(e => e.Code == code);

    /// <summary>A one-line summary: the value or the errors.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Succeeded ? $"Succeeded: {_value}" : $"Failed: {string.Join("; ", Errors)}";

    /// <summary>Whether both succeeded with equal values, or both failed with the same error codes and recipients.</summary>
    /// <param name="other">The other result.</param>
    /// <returns>Whether the results are equal.</returns>
    public bool Equals(InvitationResult<T>? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Succeeded
                ? other.Succeeded && EqualityComparer<T?>.Default.Equals(_value, other._value)
                : Errors.Select(e => (e.Code, e.Recipient)).SequenceEqual(other.Errors.Select(e => (e.Code, e.Recipient)))));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as InvitationResult<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (Succeeded)
        {
            return HashCode.Combine(true, _value);
        }

        var hash = default(HashCode);
        foreach (var error in Errors)
        {
            hash.Add(error.Code);
            hash.Add(error.Recipient, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Whether two results are equal (<see cref="Equals(InvitationResult{T})"/>).</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(InvitationResult<T>? left, InvitationResult<T>? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two results differ (<see cref="Equals(InvitationResult{T})"/>).</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(InvitationResult<T>? left, InvitationResult<T>? right) => !(left == right);

    /// <summary>
    /// Passes a failure on as the result of another operation: the same errors, as an
    /// <see cref="InvitationResult{TTarget}"/> (NodaTime's <c>ParseResult.ConvertError</c>).
    /// </summary>
    /// <typeparam name="TTarget">The value type of the other operation.</typeparam>
    /// <returns>A failed result with these errors.</returns>
    /// <exception cref="InvalidOperationException">This result succeeded: there is no failure to pass on.</exception>
    public InvitationResult<TTarget> ConvertError<TTarget>() => Succeeded
        ? throw new InvalidOperationException("A successful result has no errors to convert. Check Succeeded first.")
        : new InvitationResult<TTarget>(default, Errors);

    /// <summary>A successful result (for hosts' tests of code that calls a mocked <see cref="IInvitationManager"/>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static InvitationResult<T> Success(T value) => new(value, []);

    /// <summary>A failed result with the given errors (for hosts' tests); at least one error.</summary>
    /// <param name="errors">The errors.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">No error was given.</exception>
    public static InvitationResult<T> Failure(IReadOnlyList<InvitationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        }

        return new(default, errors.ToArray());
    }

    /// <summary>A failed result with one error (for hosts' tests).</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static InvitationResult<T> Failure(InvitationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(default, [error]);
    }

    /// <summary>Wraps a value as a successful result.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator InvitationResult<T>(T value) => Success(value);

    /// <summary>Wraps an error as a failed result.</summary>
    /// <param name="error">The error.</param>
    public static implicit operator InvitationResult<T>(InvitationError error) => Failure(error);
}
