using System.Globalization;
using System.Text.RegularExpressions;
using InvitationKit.Tests.Docs;
using InvitationKit.AspNetCore.UI.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace InvitationKit.AspNetCore.Tests.Localization;

/// <summary>
/// The screens' Russian (src/InvitationKit.AspNetCore.UI/Resources/Localization/UIText.ru.resx), looked up as a host looks
/// it up: through <see cref="ResourceManagerStringLocalizerFactory"/>. Every text a page shows has its Russian, with the
/// same placeholders; every error code has its message and remedies; no Russian entry outlives the text it translated.
/// </summary>
public sealed partial class UITextTests
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru");

    [Fact]
    public void The_Russian_resources_are_embedded_under_the_name_the_localizer_factory_looks_up()
    {
        var satellite = typeof(UIText).Assembly.GetSatelliteAssembly(Russian);

        Assert.Contains("InvitationKit.AspNetCore.UI.Resources.Localization.UIText.ru.resources", satellite.GetManifestResourceNames());
    }

    [Fact]
    public void Every_text_the_pages_show_has_its_Russian_with_the_same_placeholders()
    {
        var keys = PageKeys();
        Assert.Contains("Accept", keys); // the scan found the pages
        Assert.Contains("Not sent yet", keys); // and the labels
        Assert.True(keys.Count > 50, $"Only {keys.Count} texts found in the package's pages.");

        var missing = new List<string>();
        InRussian(text =>
        {
            foreach (var key in keys)
            {
                var russian = text[key];
                if (russian.ResourceNotFound || !Cyrillic().IsMatch(russian.Value))
                {
                    missing.Add($"'{key}': no Russian");
                }
                else if (!Placeholders(key).SequenceEqual(Placeholders(russian.Value)))
                {
                    missing.Add($"'{key}': '{russian.Value}' has other placeholders");
                }
                else
                {
                    _ = string.Format(CultureInfo.InvariantCulture, russian.Value, ["a", "b", "c", "d"]); // a malformed brace throws
                }
            }
        });

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_error_code_has_a_Russian_message_and_remedies()
    {
        var missing = new List<string>();
        InRussian(text =>
        {
            foreach (var code in Enum.GetValues<InvitationErrorCode>())
            {
                var message = text[$"error.{code}"];
                var remedies = text[$"error.{code}.remedies"];
                if (message.ResourceNotFound || !Cyrillic().IsMatch(message.Value) || Placeholders(message.Value).Length > 0)
                {
                    missing.Add($"error.{code}");
                }

                if (remedies.ResourceNotFound || remedies.Value.Split('\n').Any(r => !Cyrillic().IsMatch(r)) || Placeholders(remedies.Value).Length > 0)
                {
                    missing.Add($"error.{code}.remedies");
                }
            }
        });

        Assert.Empty(missing);
    }

    [Fact]
    public void No_Russian_entry_translates_a_text_no_page_shows()
    {
        var keys = PageKeys();
        var errors = Enum.GetValues<InvitationErrorCode>().SelectMany(c => new[] { $"error.{c}", $"error.{c}.remedies" }).ToHashSet(StringComparer.Ordinal);
        string[] stale = [];
        InRussian(text => stale = [.. text.GetAllStrings(includeParentCultures: false).Select(s => s.Name).Where(n => !keys.Contains(n) && !errors.Contains(n))]);

        Assert.Empty(stale);
    }

    /// <summary>Runs <paramref name="use"/> with the localizer a host gets from AddLocalization(), in Russian.</summary>
    private static void InRussian(Action<IStringLocalizer<UIText>> use)
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Russian;
        try
        {
            use(services.GetRequiredService<IStringLocalizer<UIText>>());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>The keys the package's pages and models look up (T["..."], text["..."]) and the labels of UILabels.</summary>
    private static HashSet<string> PageKeys()
    {
        var package = Path.Combine(RepositoryFiles.Root, "src", "InvitationKit.AspNetCore.UI");
        var sources = Directory.EnumerateFiles(package, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            keys.UnionWith(Lookup().Matches(File.ReadAllText(source)).Select(m => m.Groups[1].Value));
        }

        keys.UnionWith(Label().Matches(File.ReadAllText(Path.Combine(package, "Localization", "UILabels.cs"))).Select(m => m.Groups[1].Value));
        keys.UnionWith(Enum.GetValues<InvitationStatus>().Select(UILabels.Of));
        keys.UnionWith(Enum.GetValues<DeliveryState>().Select(UILabels.Of));
        return keys;
    }

    /// <summary>The distinct placeholders of a format string ({0}, {1:g}, ...), sorted.</summary>
    private static string[] Placeholders(string format) =>
        [.. Placeholder().Matches(format).Select(m => m.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [GeneratedRegex("""\b(?:T|text)\["([^"]*)"[,\]]""")]
    private static partial Regex Lookup();

    [GeneratedRegex("""=> "([^"]*)",""")]
    private static partial Regex Label();

    [GeneratedRegex(@"\{\d+(?:,-?\d+)?(?::[^{}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();
}
