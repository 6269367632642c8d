namespace SatDaemon.Web.Html;

/// <summary>
/// Style and script of the job pages, pending reasons, holds and drains; <see cref="ConsoleAssets"/> appends them to its
/// own (one stylesheet, one script, one hash in the Content-Security-Policy).
/// </summary>
internal static class JobPageAssets
{
    public const string Css = """
        .state-stopped{background:#555}
        .badge{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.85em;font-weight:bold;color:#fff;background:#777;vertical-align:middle}
        .badge-never{background:#b22}.badge-drained{background:#c80}.badge-held{background:#a06ab0}
        .job-state-running,.job-state-stopping{background:#3a7bd5}.job-state-completed{background:#2a8a3a}.job-state-failed{background:#d33}.job-state-cancelled{background:#777}
        .machine.drained strong{color:#a60}
        tr.never-run td{background:#fdecec}.never-run-box{background:#fdecec;border:1px solid #d99;padding:.3em .6em;margin:.4em 0}.never-run-box ul{margin:.2em 0}
        td.wait{min-width:16em}.pending-table td:first-child,.pending-table td:nth-child(4){white-space:nowrap}
        .scroll{max-width:100%;overflow-x:auto}
        @media (max-width:900px){.pending-table th:nth-last-child(-n+3):not(:last-child),.pending-table td:nth-last-child(-n+3):not(:last-child){display:none}td.wait{min-width:12em}}
        table.facts th{text-align:left;width:9em;background:#f4f4fa}
        pre.job-log{max-height:32em;white-space:pre-wrap;overflow-wrap:anywhere}
        tr.over td{background:#fde0e0}
        .controls-first{border-top:0;border-bottom:1px solid #ccd;padding-top:.5em}
        form.machine-control{margin:.2em 0}
        .grid-table td.cell a{color:inherit;display:block}
        table.events td:last-child,.log-path,td.wait{overflow-wrap:anywhere}table.events td:first-child{white-space:nowrap}
        """;

    /// <summary>
    /// The live tail of a running job's log: polls /jobs/{id}/log?from=OFFSET every second and appends what came (as text,
    /// never markup); stops once the server says the job has ended and the whole log has been read.
    /// </summary>
    public const string Script = """
        (function(){
          var pre=document.querySelector('pre[data-log-live]');
          if(!pre){return;}
          var src=pre.getAttribute('data-log-src'),from=parseInt(pre.getAttribute('data-log-from'),10)||0,busy=false,live=document.getElementById('log-live'),timer;
          var tick=function(){
            if(busy||document.hidden){return;}
            busy=true;
            fetch(src+'?from='+from,{cache:'no-store'}).then(function(r){
              if(!r.ok){throw new Error(r.status);}
              var end=parseInt(r.headers.get('X-Log-End'),10),length=parseInt(r.headers.get('X-Log-Length'),10),state=r.headers.get('X-Job-State');
              return r.text().then(function(t){
                var atEnd=pre.scrollTop+pre.clientHeight>=pre.scrollHeight-4;
                if(t.length>0){pre.appendChild(document.createTextNode(t));if(atEnd){pre.scrollTop=pre.scrollHeight;}}
                if(!isNaN(end)){from=end;}
                if(state&&state!=='RUNNING'&&state!=='STOPPING'&&!(length>from)){clearInterval(timer);if(live){live.textContent='the job has ended ('+state+'); reload the page for its exit and use';}}
                else if(live){live.textContent='following the log while the job runs · '+new Date().toLocaleTimeString();}
              });
            }).catch(function(){if(live){live.textContent='the log cannot be read now; trying again';}}).then(function(){busy=false;});
          };
          timer=setInterval(tick,1000);
        })();
        """;
}
