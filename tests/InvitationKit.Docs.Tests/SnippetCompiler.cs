using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InvitationKit.Docs.Tests;

/// <summary>
/// Compiles a snippet as the reader's app would: C# latest, nullable on, the SDK's implicit usings (the web SDK's unless
/// the snippet is a console app's), against the kit's packages and the companion packages this project references.
/// </summary>
public static class SnippetCompiler
{
    private static readonly string[] ConsoleUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebUsings =
    [
        .. ConsoleUsings, "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>Compiles the snippet.</summary>
    /// <param name="snippet">The snippet.</param>
    /// <returns>The errors, each with its line in the snippet's file; empty when it compiles.</returns>
    public static IReadOnlyList<string> Compile(Snippet snippet)
    {
        var source = Assemble(snippet);
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, path: snippet.File);
        var globalUsings = CSharpSyntaxTree.ParseText(
            string.Concat((snippet.Console ? ConsoleUsings : WebUsings).Select(name => $"global using global::{name};\n")), ParseOptions);
        var program = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [tree, globalUsings],
            References.Value,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => $"{snippet}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} in `{Line(source, diagnostic)}`")
            .ToList();
    }

    /// <summary>The snippet's usings, the hidden statements, the rest of the snippet, then the hidden declarations.</summary>
    private static string Assemble(Snippet snippet)
    {
        var lines = snippet.Code.Split('\n');
        var usings = lines.TakeWhile(line => line.StartsWith("using ", StringComparison.Ordinal) || line.StartsWith("//", StringComparison.Ordinal) || line.Length == 0).Count();
        return string.Join('\n', [.. lines[..usings], snippet.Before, .. lines[usings..], snippet.After]);
    }

    private static string Line(string source, Diagnostic diagnostic) =>
        source.Split('\n')[diagnostic.Location.GetLineSpan().StartLinePosition.Line].Trim();

    private static MetadataReference[] LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(local)
            .Where(IsAssembly)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }

    private static bool IsAssembly(string path)
    {
        try
        {
            _ = AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
