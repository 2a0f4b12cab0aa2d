Toyworld.main()
