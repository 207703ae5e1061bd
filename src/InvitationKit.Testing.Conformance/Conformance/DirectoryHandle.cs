using InvitationKit.Ports;

namespace InvitationKit.Testing.Conformance;

/// <summary>A directory instance opened by <see cref="UserDirectoryConformanceTests.OpenDirectoryAsync"/>, with what to dispose after the test.</summary>
public sealed class DirectoryHandle : IAsyncDisposable
{
    private readonly IAsyncDisposable? _resources;

    /// <summary>Wraps a directory and the resources (a DI scope, a context) it lives on.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="resources">Disposed with the handle; null when there is nothing to dispose.</param>
    public DirectoryHandle(IUserDirectory directory, IAsyncDisposable? resources = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory = directory;
        _resources = resources;
    }

    /// <summary>The directory under test.</summary>
    public IUserDirectory Directory { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _resources?.DisposeAsync() ?? ValueTask.CompletedTask;
}
