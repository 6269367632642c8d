namespace SatDaemon.Web.Html;

/// <summary>
/// Style and script of the console's scale views (compact machine rows, trend charts, the paged frame grid, pages
/// narrower than their tables) and of the live ages; ConsoleAssets appends them to its own.
/// </summary>
internal static class TrendAssets
{
    public const string Css = """
        header{flex-wrap:wrap}main{overflow-wrap:break-word}
        main table{display:block;width:max-content;max-width:100%;overflow-x:auto}
        #files td{overflow-wrap:anywhere;min-width:6em}
        .totals{display:flex;flex-wrap:wrap;gap:.3em 1.5em;align-items:center;margin:.2em 0 .4em}
        table.machines tr.machine{display:table-row}table.machines td,table.machines th{padding:1px 6px;white-space:nowrap}table.machines svg{vertical-align:middle}
        svg.mini .bar-bg{fill:#e4e4e4}svg.mini.over .bar-bg{fill:#f99}
        .charts{display:flex;flex-wrap:wrap;gap:1em}.chart-box{flex:1 1 420px;max-width:760px;min-width:0}
        .chart-box h3{font-size:1em;margin:.6em 0 .2em}svg.chart{width:100%;height:auto;background:#fff;border:1px solid #ddd}
        svg.chart .axis{stroke:#999;stroke-width:1}svg.chart text{font-size:10px;fill:#666}svg.chart .budget{stroke:#b22;stroke-dasharray:4 3;fill:none}
        svg.chart polyline{fill:none;stroke-width:1.5}.chart-legend span{display:inline-block;margin-right:.8em;font-size:12px}
        .chart-legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:middle}
        .windows a{margin-right:.6em}.windows a.active{font-weight:bold;color:#222;text-decoration:none}
        .grid-counts span{margin-right:1em}.pager a,.pager b{margin-right:.5em}
        """;

    /// <summary>
    /// Ages (span.age) kept current between polls from their data-at and the server's clock (X-Console-Now), so the
    /// live refresh can leave them out of its ETag.
    /// </summary>
    public const string Script = """
        (function(){
          var offset=0;
          window.satClock=function(now){var n=parseInt(now,10);if(n){offset=n-Date.now();}};
          var fmt=function(s){
            if(s<0){s=0;}
            if(s<60){return Math.round(s)+'s';}
            var p=function(n){return (n<10?'0':'')+n;};
            if(s<3600){return Math.floor(s/60)+'m'+p(Math.floor(s%60))+'s';}
            if(s<86400){return Math.floor(s/3600)+'h'+p(Math.floor(s%3600/60))+'m';}
            return Math.floor(s/86400)+'d'+p(Math.floor(s%86400/3600))+'h';
          };
          window.satAges=function(){
            document.querySelectorAll('span.age[data-at]').forEach(function(a){
              var t=Date.parse(a.getAttribute('data-at'));if(!isNaN(t)){a.textContent=fmt((Date.now()+offset-t)/1000);}
            });
          };
        })();
        """;
}
