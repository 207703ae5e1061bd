namespace InvitationKit.Tests.Properties;

/// <summary>
/// Helpers for the FsCheck.Xunit properties: async test code from a synchronous property, and one resource shared by
/// every case of a property (created on first use, disposed with the test class).
/// </summary>
internal static class PropertyRunner
{
    /// <summary>Runs async test code from a synchronous property without capturing xunit's context.</summary>
    public static T Run<T>(Func<Task<T>> body) => Task.Run(body).GetAwaiter().GetResult();
}

/// <summary>A resource every case of one property shares, created on first use; disposing disposes it if it was made.</summary>
internal sealed class Shared<T>(Func<Task<T>> create) : IDisposable
    where T : IAsyncDisposable
{
    private readonly Lazy<T> _value = new(() => PropertyRunner.Run(create));

    public T Value => _value.Value;

    public void Dispose()
    {
        if (_value.IsValueCreated)
        {
            PropertyRunner.Run(async () => { await _value.Value.DisposeAsync(); return 0; });
        }
    }
}
