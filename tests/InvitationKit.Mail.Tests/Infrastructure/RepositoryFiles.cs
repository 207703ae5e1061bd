namespace InvitationKit.Mail.Tests.Infrastructure;

/// <summary>Finds the repository's files from the test's output folder, wherever the repository is cloned.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
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
