using Microsoft.AspNetCore.Mvc.Filters;

namespace InvitationKit.AspNetCore.UI.Links;

/// <summary>
/// Sends <c>Referrer-Policy: no-referrer</c> with every page of the package, whatever layout the host gives them: the
/// landing page's first address carries the link's secret, and no page of the package should hand its address to another
/// site.
/// </summary>
internal sealed class NoReferrerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) => context.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
