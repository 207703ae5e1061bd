namespace InvitationKit.AspNetCore.Tests;

/// <summary>The repository the tests run from: its docs, its packages' sources.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository's root: the folder of InvitationKit.sln above the test's binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "InvitationKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No InvitationKit.sln above {AppContext.BaseDirectory}.");
    }
}
