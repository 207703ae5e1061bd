namespace InvitationKit.Tests.Docs;

/// <summary>The README's example is the program CI compiles and runs against the packed packages.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_usage_example_is_the_package_consumer_program_word_for_word()
    {
        var readme = RepositoryFiles.Read("README.md").ReplaceLineEndings("\n");
        var program = RepositoryFiles.Read(Path.Combine("tests", "PackageConsumer", "Program.cs")).ReplaceLineEndings("\n").TrimEnd('\n');
        Assert.Contains("```csharp\n" + program + "\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_install_steps_pack_every_shipped_package()
    {
        var filter = RepositoryFiles.Read(Path.Combine("src", "InvitationKit.Packages.slnf"));
        foreach (var project in Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "src")).Select(Path.GetFileName))
        {
            Assert.Contains($"src\\\\{project}\\\\{project}.csproj", filter, StringComparison.Ordinal);
        }

        Assert.Contains("dotnet pack ../InvitationKit/src/InvitationKit.Packages.slnf", RepositoryFiles.Read("README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_package_has_a_readme_of_its_own()
    {
        foreach (var project in Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "src")))
        {
            var readme = File.ReadAllText(Path.Combine(project, "README.md"));
            Assert.StartsWith("# " + Path.GetFileName(project), readme, StringComparison.Ordinal);
            Assert.Contains("--prerelease", readme, StringComparison.Ordinal);
        }
    }
}
