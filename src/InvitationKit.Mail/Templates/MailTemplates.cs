using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;

namespace InvitationKit.Mail;

/// <summary>
/// Parses and renders the mail templates with Fluid (Liquid). Each template is parsed once and cached until its file
/// changes; partials resolve through the same culture-aware lookup. Adds the filter <c>plural</c>.
/// </summary>
internal sealed class MailTemplates : IDisposable
{
    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options;

    public MailTemplates(IOptions<InvitationMailOptions> options)
        : this(options.Value)
    {
    }

    public MailTemplates(InvitationMailOptions options)
    {
        Files = new MailTemplateFileProvider(options);
        _options = new TemplateOptionsBuilder()
            .WithFileProvider(Files)
            .AddFilter("plural", Plural)
            .Build();
    }

    /// <summary>Where the templates are looked up.</summary>
    public MailTemplateFileProvider Files { get; }

    /// <summary>A context for one render in <paramref name="culture"/>.</summary>
    public TemplateContext NewContext(CultureInfo culture) => new(_options, StringComparer.Ordinal) { CultureInfo = culture };

    /// <summary>Renders one part of one kind of mail in the context's culture.</summary>
    /// <exception cref="InvalidOperationException">The template is missing or does not parse.</exception>
    public async Task<string> RenderAsync(string kind, string part, TemplateContext context, TextEncoder encoder)
    {
        var file = MailTemplateNames.File(kind, part);
        var source = Files.Find(file, context.CultureInfo)
            ?? throw new InvalidOperationException($"No mail template '{file}' for the culture '{context.CultureInfo.Name}'. Add {context.CultureInfo.Name}/{file} to your templates.");
        var cache = _options.TemplateCache;
        if (cache is null || !cache.TryGetTemplate(source.CacheKey, source.LastModified, out var template))
        {
            var text = await source.ReadToEndAsync(context.CancellationToken).ConfigureAwait(false);
            if (!_parser.TryParse(text, out template, out var error))
            {
                throw new InvalidOperationException($"The mail template '{file}' for the culture '{context.CultureInfo.Name}' does not parse: {error}");
            }

            cache?.SetTemplate(source.CacheKey, source.LastModified, template);
        }

        return await template.RenderAsync(context, encoder).ConfigureAwait(false);
    }

    public void Dispose() => Files.Dispose();

    /// <summary><c>{{ n | plural: 'day', 'days' }}</c>, <c>{{ n | plural: 'день', 'дня', 'дней' }}</c>: the form for the number in the context's language.</summary>
    private static ValueTask<FluidValue> Plural(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (arguments.Count == 0)
        {
            return ValueTask.FromResult<FluidValue>(NilValue.Instance);
        }

        var index = PluralRules.FormIndex(context.CultureInfo, (long)decimal.Truncate(input.ToNumberValue(context)));
        return ValueTask.FromResult(arguments.At(Math.Min(index, arguments.Count - 1)));
    }
}
