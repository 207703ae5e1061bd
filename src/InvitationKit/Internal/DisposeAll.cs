namespace InvitationKit.Internal;

/// <summary>
/// Disposes every item of a sequence, enumerated when it is disposed (so a list filled later is disposed whole): a
/// <c>using</c> that clears the secrets an operation issued on every path out of it.
/// </summary>
internal sealed class DisposeAll(IEnumerable<IDisposable> items) : IDisposable
{
    public void Dispose()
    {
        foreach (var item in items)
        {
            item.Dispose();
        }
    }
}
